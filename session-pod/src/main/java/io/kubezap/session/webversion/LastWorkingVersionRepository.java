package io.kubezap.session.webversion;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.version.LastWorkingVersion;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Optional;

/** {@code web_versions}: the WhatsApp Web version this session last logged in with, one row per session. */
@Singleton
public class LastWorkingVersionRepository implements LastWorkingVersion {

    private static final Logger LOG = Logger.getLogger(LastWorkingVersionRepository.class);

    private final SessionDb db;
    private final Clock clock;

    @Inject
    public LastWorkingVersionRepository(SessionDb db) {
        this(db, Clock.systemUTC());
    }

    LastWorkingVersionRepository(SessionDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> read() {
        try {
            return db.read(handle -> db.query(handle,
                            "select version from web_versions where namespace = :ns and session = :session")
                    .mapTo(String.class).findOne());
        } catch (RuntimeException unreadable) {
            LOG.warnf("Cannot read the WhatsApp Web version that last worked: %s", unreadable.toString());
            return Optional.empty();
        }
    }

    @Override
    public void remember(String version) {
        try {
            db.useTransaction(handle -> db.update(handle, """
                            insert into web_versions (namespace, session, version, worked_at)
                            values (:ns, :session, :version, :at)
                            on conflict (namespace, session) do update set version = excluded.version, worked_at = excluded.worked_at""")
                    .bind("version", version)
                    .bind("at", clock.instant())
                    .execute());
        } catch (RuntimeException unwritable) {
            LOG.warnf("Cannot keep WhatsApp Web %s as the version that last worked: %s", version, unwritable.toString());
        }
    }
}
