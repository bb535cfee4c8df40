package io.kubezap.session.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL left running on local mode's data directory by a process that was killed (kill -9 leaves the
 * embedded server orphaned, and the next start then fails because the directory is in use). Found through the
 * directory's {@code postmaster.pid}: its first line is the server's process id, its second the data directory.
 * Only a live {@code postgres} process serving this very directory is stopped.
 */
final class OrphanPostmaster {

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private OrphanPostmaster() {
    }

    /** Stops the orphan on {@code dataDirectory}, if there is one; true when one was stopped. */
    static boolean stopIfAny(Path dataDirectory) throws IOException {
        Optional<ProcessHandle> orphan = find(dataDirectory);
        if (orphan.isEmpty()) {
            return false;
        }
        ProcessHandle postmaster = orphan.get();
        System.out.println("kubezap local mode: stopping the embedded PostgreSQL (pid " + postmaster.pid()
                + ") a previous run left on " + dataDirectory);
        CompletableFuture<ProcessHandle> exited = postmaster.onExit();
        postmaster.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients died with the previous run
        try {
            exited.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
            postmaster.destroyForcibly(); // WAL recovery at the next start (fsync is on) keeps what was committed
            exited.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IOException("could not stop the orphaned PostgreSQL (pid " + postmaster.pid() + ")", e);
        }
        return true;
    }

    static Optional<ProcessHandle> find(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !lines.get(0).strip().matches("\\d+")) {
            return Optional.empty();
        }
        if (!samePath(Path.of(lines.get(1).strip()), dataDirectory)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false));
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
