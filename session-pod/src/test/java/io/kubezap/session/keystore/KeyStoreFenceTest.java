package io.kubezap.session.keystore;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.tenancy.SessionRoleProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.kubezap.session.keystore.KeyStoreEntriesTest.keys;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.names;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The attack: a pod that another one took the session over from (its node came back) writes the key store anyway,
 * skipping its own check, under the session's own role. PostgreSQL refuses it: the rows are fenced by a trigger on
 * the lease's token, so the stale pod can neither add, change nor delete the keys the session now runs on.
 */
@QuarkusTest
@TestProfile(SessionRoleProfile.class)
class KeyStoreFenceTest {

    private static final UUID DEVICE = UUID.randomUUID();

    @Inject
    SessionDb db;

    private KeyStoreRowRepository current;

    @AfterEach
    void forgetTheSession() {
        if (current != null) {
            current.delete();
        }
        db.useTransaction(handle -> db.update(handle, "delete from key_store_leases where namespace = :ns and session = :session").execute());
    }

    @Test
    void aStalePodsKeyStoreWriteIsRefusedByTheDatabaseItself() throws IOException {
        var stale = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        long staleToken = stale.take();
        new KeyStoreRowRepository(db, stale, new KeyStoreMirrorRepository(db, stale), KeyStoreSealing.off()).write(copy(keys(sessions(3), 7)));
        var newer = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        current = new KeyStoreRowRepository(db, newer, new KeyStoreMirrorRepository(db, newer), KeyStoreSealing.off());
        newer.take();
        var running = keys(sessions(4), 7);
        current.write(copy(running));

        assertThatThrownBy(() -> writeAsTheStalePod(String.valueOf(staleToken), "insert into key_store_entries"
                + " (namespace, session, device, file, entry, position, value, written_at)"
                + " values (:ns, :session, '" + DEVICE + "', 'keys', 'stale', 999, '\\x0807', now())"))
                .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo("KZ002"));
        assertThatThrownBy(() -> writeAsTheStalePod(String.valueOf(staleToken),
                "delete from key_store_entries where namespace = :ns and session = :session"))
                .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo("KZ002"));
        assertThatThrownBy(() -> writeAsTheStalePod(null,
                "update key_store_entries set value = '\\x00' where namespace = :ns and session = :session"))
                .satisfies(refused -> assertThat(sqlState(refused)).isEqualTo("KZ002"));

        assertThat(current.read()).get().satisfies(copy -> assertThat(names(copy.keys())).isEqualTo(names(running)));
    }

    /**
     * The fence looks at the lease once per transaction (V93: the first row takes its share lock, held to the end); a
     * later row of the same transaction that presents another token is checked again, and refused.
     */
    @Test
    void aRowPresentingAStaleTokenAfterAnAcceptedOneInTheSameTransactionIsStillRefused() throws IOException {
        var stale = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        long staleToken = stale.take();
        var newer = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        current = new KeyStoreRowRepository(db, newer, new KeyStoreMirrorRepository(db, newer), KeyStoreSealing.off());
        long currentToken = newer.take();
        var running = keys(sessions(4), 7);
        current.write(copy(running));

        assertThatThrownBy(() -> db.useTransaction(handle -> {
            presentKeyStoreToken(handle, String.valueOf(currentToken));
            db.update(handle, "update key_store_entries set written_at = now() where namespace = :ns and session = :session")
                    .execute();
            presentKeyStoreToken(handle, String.valueOf(staleToken));
            db.update(handle, "insert into key_store_entries (namespace, session, device, file, entry, position, value,"
                    + " written_at) values (:ns, :session, '" + DEVICE + "', 'keys', 'stale', 999, '\\x0807', now())").execute();
        })).satisfies(refused -> assertThat(sqlState(refused)).isEqualTo("KZ002"));

        assertThat(current.read()).get().satisfies(copy -> assertThat(names(copy.keys())).isEqualTo(names(running)));
    }

    @Test
    void thePodsOwnCheckStillSaysItWasTakenOver() throws IOException {
        var stale = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        stale.take();
        var staleRows = new KeyStoreRowRepository(db, stale, new KeyStoreMirrorRepository(db, stale), KeyStoreSealing.off());
        var newer = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        current = new KeyStoreRowRepository(db, newer, new KeyStoreMirrorRepository(db, newer), KeyStoreSealing.off());
        newer.take();

        assertThatThrownBy(() -> staleRows.write(copy(keys(sessions(2), 7)))).isInstanceOf(KeyStoreTakenOver.class);
    }

    /** The stale pod's write, as its own code would send it once past its check: with its token, or with none. */
    private void writeAsTheStalePod(String token, String sql) {
        db.useTransaction(handle -> {
            if (token != null) {
                presentKeyStoreToken(handle, token);
            }
            db.update(handle, sql).execute();
        });
    }

    private void presentKeyStoreToken(io.kubezap.session.db.Handle handle, String token) {
        db.query(handle, "select set_config('kubezap.key_store_token', :token, true)").bind("token", token)
                .mapTo(String.class).one();
    }

    static String sqlState(Throwable refused) {
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "no SQL error: " + refused;
    }

    private static KeyStoreCopy copy(byte[] keys) {
        return new KeyStoreCopy(DEVICE, keys, new byte[]{0x0a, 0x01, 'x'}, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
