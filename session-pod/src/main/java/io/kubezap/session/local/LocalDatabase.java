package io.kubezap.session.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Local mode's PostgreSQL: zonky's embedded server, data kept in the given directory across restarts.
 * It is stopped by a JVM shutdown hook that first lets the application finish stopping (outbound worker,
 * engine flush), so Ctrl-C never pulls the database from under a running pod. A server a killed run left behind on
 * the same directory is stopped first ({@link OrphanPostmaster}).
 */
public final class LocalDatabase {

    public static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final long APPLICATION_STOP_WAIT_SECONDS = 20;
    private static final CountDownLatch APPLICATION_STOPPED = new CountDownLatch(1);
    private static volatile boolean applicationStarted;

    private static volatile Future<EmbeddedPostgres> server;

    private final int port;

    private LocalDatabase(int port) {
        this.port = port;
    }

    /**
     * Starts the server on its own thread and returns at once: unpacking, checking and starting PostgreSQL takes about
     * as long as the application's own boot, so the two overlap. Its address is fixed here; the application waits for
     * the server before its first connection ({@link #awaitServer()}).
     */
    public static LocalDatabase start(Path directory) throws IOException {
        Files.createDirectories(directory);
        LocalDatabase database = new LocalDatabase(freePort());
        FutureTask<EmbeddedPostgres> starting = new FutureTask<>(() -> database.startServer(directory));
        server = starting;
        Thread.ofPlatform().name("kubezap-local-postgres-start").start(starting);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterApplication(starting), "kubezap-local-postgres-stop"));
        return database;
    }

    private EmbeddedPostgres startServer(Path directory) throws IOException {
        OrphanPostmaster.stopIfAny(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                // zonky starts PostgreSQL for throw-away test data (fsync off, asynchronous commit); local mode
                // keeps a user's messages, so what was committed must survive a crash: later options win over -F
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        System.out.println("kubezap local mode: embedded PostgreSQL in " + directory);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** Blocks until local mode's server accepts connections; returns at once outside local mode. */
    public static void awaitServer() {
        Future<EmbeddedPostgres> starting = server;
        if (starting == null) {
            return;
        }
        try {
            starting.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The embedded PostgreSQL did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static void applicationStarted() {
        applicationStarted = true;
    }

    public static void applicationStopped() {
        APPLICATION_STOPPED.countDown();
    }

    private static void stopAfterApplication(Future<EmbeddedPostgres> starting) {
        try {
            if (applicationStarted) {
                APPLICATION_STOPPED.await(APPLICATION_STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            }
            starting.get().close();
        } catch (ExecutionException notStarted) {
            // nothing to stop; start-up already failed with the reason
        } catch (IOException | InterruptedException e) {
            Logger.getLogger(LocalDatabase.class).warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
