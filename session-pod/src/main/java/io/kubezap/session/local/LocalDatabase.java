package io.kubezap.session.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's PostgreSQL: zonky's embedded server, data kept in the given directory across restarts.
 * It is stopped by a JVM shutdown hook that first lets the application finish stopping (outbound worker,
 * engine flush), so Ctrl-C never pulls the database from under a running pod. A server a killed run left behind on
 * the same directory is stopped first ({@link OrphanPostmaster}).
 */
final class LocalDatabase {

    static final String USER = "postgres";
    private static final long APPLICATION_STOP_WAIT_SECONDS = 20;
    private static final CountDownLatch APPLICATION_STOPPED = new CountDownLatch(1);
    private static volatile boolean applicationStarted;

    private final EmbeddedPostgres postgres;

    private LocalDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalDatabase start(Path directory) throws IOException {
        Files.createDirectories(directory);
        OrphanPostmaster.stopIfAny(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // zonky starts PostgreSQL for throw-away test data (fsync off, asynchronous commit); local mode
                // keeps a user's messages, so what was committed must survive a crash: later options win over -F
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        LocalDatabase database = new LocalDatabase(postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(database::stopAfterApplication, "kubezap-local-postgres-stop"));
        System.out.println("kubezap local mode: embedded PostgreSQL in " + directory);
        return database;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
    }

    static void applicationStarted() {
        applicationStarted = true;
    }

    static void applicationStopped() {
        APPLICATION_STOPPED.countDown();
    }

    private void stopAfterApplication() {
        try {
            if (applicationStarted) {
                APPLICATION_STOPPED.await(APPLICATION_STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            postgres.close();
        } catch (IOException | InterruptedException e) {
            Logger.getLogger(LocalDatabase.class).warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
