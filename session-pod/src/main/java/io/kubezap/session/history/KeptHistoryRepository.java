package io.kubezap.session.history;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.HistoryBlob;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code history_downloads}: history batches kept because their blob could not be had yet, each until it is stored. */
@Singleton
public class KeptHistoryRepository {

    /** A kept batch, how often reading it failed so far, and since when it is kept. */
    public record Kept(HistoryBlob blob, int attempts, Instant keptSince) {
    }

    private static final RowMapper<Kept> KEPT = rs -> new Kept(new HistoryBlob(rs.getString("notification_id"),
            rs.getString("sync_type"), rs.getInt("chunk_order"), (Integer) rs.getObject("progress"), rs.getString("direct_path"),
            rs.getString("media_key"), rs.getString("file_sha256"), rs.getString("file_enc_sha256"), rs.getLong("size")),
            rs.getInt("attempts"), SessionDb.instant(rs, "created_at"));

    private final SessionDb db;

    public KeptHistoryRepository(SessionDb db) {
        this.db = db;
    }

    /** Keeps a batch whose first reading failed ({@code reason}), due again at once; one kept already stays as it is. */
    public void keep(HistoryBlob blob, String reason, Instant now) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into history_downloads (namespace, session, notification_id, sync_type, chunk_order, progress,
                            direct_path, media_key, file_sha256, file_enc_sha256, size, attempts, last_error, next_attempt_at,
                            created_at)
                        values (:ns, :session, :id, :type, :chunk, :progress, :path, :key, :sha, :encSha, :size, 1, :error,
                            :now, :now)
                        on conflict (namespace, session, notification_id) do nothing""")
                .bind("id", blob.notificationId()).bind("type", blob.syncType()).bind("chunk", blob.chunkOrder())
                .bind("progress", blob.progress()).bind("path", blob.directPath()).bind("key", blob.mediaKey())
                .bind("sha", blob.fileSha256()).bind("encSha", blob.fileEncSha256()).bind("size", blob.size())
                .bind("error", reason).bind("now", now).execute());
    }

    /** The kept batches due at {@code now}, oldest first. */
    public List<Kept> due(Instant now) {
        return db.read(handle -> db.query(handle, """
                        select * from history_downloads where namespace = :ns and session = :session and next_attempt_at <= :now
                        order by created_at, chunk_order""")
                .bind("now", now).map(KEPT).list());
    }

    /** When the next kept batch is due, if any is kept. */
    public Optional<Instant> nextDue() {
        return db.read(handle -> db.query(handle,
                        "select min(next_attempt_at) as next_due from history_downloads where namespace = :ns and session = :session")
                .map(rs -> SessionDb.instant(rs, "next_due")).findOne().flatMap(Optional::ofNullable));
    }

    /** Whether any batch is kept. */
    public boolean any() {
        return db.read(handle -> db.query(handle,
                        "select exists (select 1 from history_downloads where namespace = :ns and session = :session)")
                .mapTo(Boolean.class).one());
    }

    /** Every kept batch due at {@code now} (after a restart or a reconnect: the blob may be there again). */
    public void allDue(Instant now) {
        db.useTransaction(handle -> db.update(handle, """
                        update history_downloads set next_attempt_at = :now
                        where namespace = :ns and session = :session and next_attempt_at > :now""")
                .bind("now", now).execute());
    }

    /** Reading it failed again: tried next at {@code next}. */
    public void failed(String notificationId, String error, Instant next) {
        db.useTransaction(handle -> db.update(handle, """
                        update history_downloads set attempts = attempts + 1, last_error = :error, next_attempt_at = :next
                        where namespace = :ns and session = :session and notification_id = :id""")
                .bind("id", notificationId).bind("error", error).bind("next", next).execute());
    }

    /** The batch holds nothing this session keeps (it asks for no history), or its blob is gone for good: no longer kept. */
    public void forget(String notificationId) {
        db.useTransaction(handle -> forget(handle, notificationId));
    }

    /** The batch is stored (in {@code handle}'s transaction): it is no longer kept. */
    public void forget(Handle handle, String notificationId) {
        db.update(handle, "delete from history_downloads where namespace = :ns and session = :session and notification_id = :id")
                .bind("id", notificationId).execute();
    }
}
