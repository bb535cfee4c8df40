package io.kubezap.system;

import io.kubezap.contract.ListPages;
import io.kubezap.system.scale.JvmHeap;
import io.kubezap.testing.apiserver.AuditedRequest;
import io.kubezap.testing.apiserver.Etcd;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Issue 66's figures for the operator in real etcd ({@code scripts/bench operator-real}): a real kube-apiserver with its
 * own etcd and an audit log, the packaged operator (server-side apply on) logged in with the chart's ServiceAccount,
 * {@value #DEFAULT_SESSIONS} sessions created while it runs. No node or controller-manager runs, so no pod starts:
 * "reconciled" is what the operator alone makes (a status with the API key Secret's name, a StatefulSet, Secrets, the
 * sessions' Service). Reports the creation time, the time until every session is reconciled after the last create,
 * the operator's resident memory, its API requests per second (audit log) while converging and in a steady window,
 * etcd's bytes per session, and a restart: a second process after the first stops, until it has started (informers
 * synced, lists paged) and its writes to converged sessions (expected: none). Prints {@code BENCH|…} lines.
 * {@link RealApiServerOperatorAtScaleIT} checks the behaviour at a small size in the ordinary build.
 */
@Tag("benchmark")
class RealOperatorAtScaleBenchmarkIT {

    static final int DEFAULT_SESSIONS = 10_000;
    private static final int SESSIONS = Integer.getInteger("benchmark.sessions", DEFAULT_SESSIONS);
    private static final Duration CONVERGE_LIMIT = Duration.ofMinutes(Long.getLong("benchmark.convergeMinutes", 30));
    private static final Duration STEADY_WINDOW = Duration.ofSeconds(Long.getLong("benchmark.steadySeconds", 60));

    @Test
    void operatorInRealEtcd() throws Exception {
        try (RealOperatorFleet fleet = RealOperatorFleet.install("benchmark", SESSIONS)) {
            Etcd.Status empty = fleet.server.etcd().status();
            Instant firstStart = Instant.now();
            try (QuarkusProcess operator = fleet.startOperator("operator")) {
                long start = System.nanoTime();
                Instant createStart = Instant.now();
                fleet.createAll();
                long created = System.nanoTime();
                report("creating every WhatsAppSession (8 clients at once)", "%.1f s (%.0f/s)".formatted(seconds(created - start),
                        SESSIONS / seconds(created - start)));
                boolean converged = fleet.awaitReconciled(operator, CONVERGE_LIMIT);
                long reconciled = System.nanoTime();
                Instant convergedAt = Instant.now();
                if (!converged) {
                    report("every session reconciled", "NOT within %d min: %d with a status".formatted(CONVERGE_LIMIT.toMinutes(), fleet.withStatus()));
                    return;
                }
                report("every session reconciled (status, StatefulSet, Secrets, Service), after the last create",
                        "%.1f s".formatted(seconds(reconciled - created)));
                report("operator resident memory at convergence", "%d MiB".formatted(JvmHeap.residentBytes(operator.pid()) >> 20));
                List<AuditedRequest> converging = fleet.operatorRequests(createStart);
                report("operator API requests from the first create until reconciled", rate(converging, Duration.between(createStart, convergedAt)));

                Instant steadyStart = Instant.now();
                Thread.sleep(STEADY_WINDOW.toMillis());
                List<AuditedRequest> steady = fleet.operatorRequests(steadyStart);
                report("steady state: operator API requests (%d s window)".formatted(STEADY_WINDOW.toSeconds()), rate(steady, STEADY_WINDOW));
                report("operator peak resident memory (VmHWM)", "%d MiB".formatted(JvmHeap.peakResidentBytes(operator.pid()) >> 20));
                report("operator live heap after a full GC", "%d MiB".formatted(JvmHeap.liveBytesAfterFullGc(operator.pid(), 30) >> 20));
            }
            reportEtcd(fleet, empty);
            reportFirstLists(fleet.operatorRequests(firstStart));

            Instant restart = Instant.now();
            long restartNanos = System.nanoTime();
            try (QuarkusProcess restarted = fleet.startOperator("operator-restarted")) {
                report("restart: a new operator process until started (informers synced)", "%.1f s".formatted(seconds(System.nanoTime() - restartNanos)));
                Thread.sleep(STEADY_WINDOW.toMillis());
                List<AuditedRequest> requests = fleet.operatorRequests(restart);
                List<AuditedRequest> lists = RealOperatorFleet.lists(requests, "whatsappsessions");
                report("restart: its lists of sessions (limit / pages with continue)", "%s / %d of %d".formatted(
                        lists.stream().map(list -> list.query("limit").orElse("none")).distinct().toList(),
                        lists.stream().filter(list -> list.query("continue").isPresent()).count(), lists.size()));
                report("restart: its writes to converged sessions' objects in %d s".formatted(STEADY_WINDOW.toSeconds()),
                        RealOperatorFleet.sessionWrites(requests).size() + " " + RealOperatorFleet.byKind(RealOperatorFleet.sessionWrites(requests)));
                report("restart: its API requests, start included", rate(requests, Duration.between(restart, Instant.now())));
                report("restart: sessions with a status", Long.toString(fleet.withStatus()));
                report("restart: peak resident memory (VmHWM)", "%d MiB".formatted(JvmHeap.peakResidentBytes(restarted.pid()) >> 20));
            }
        }
    }

    private static void reportEtcd(RealOperatorFleet fleet, Etcd.Status empty) {
        Etcd.Status full = fleet.server.etcd().status();
        fleet.server.etcd().compact();
        Etcd.Status compacted = fleet.server.etcd().status();
        report("etcd database size (file) before / after / per session", "%d KiB / %d MiB / %d bytes".formatted(
                empty.dbSizeBytes() >> 10, full.dbSizeBytes() >> 20, (full.dbSizeBytes() - empty.dbSizeBytes()) / SESSIONS));
        report("etcd bytes in use per session, after compacting history (session, StatefulSet, Secrets, Events...)",
                "%d bytes (%d KiB in use before the sessions, %d MiB after)".formatted(
                        (compacted.dbSizeInUseBytes() - empty.dbSizeInUseBytes()) / SESSIONS,
                        empty.dbSizeInUseBytes() >> 10, compacted.dbSizeInUseBytes() >> 20));
    }

    private static void reportFirstLists(List<AuditedRequest> requests) {
        for (String resource : List.of("whatsappsessions", "statefulsets", "secrets")) {
            List<AuditedRequest> lists = RealOperatorFleet.lists(requests, resource);
            report("first operator: lists of " + resource + " (limits)", lists.size() + " "
                    + lists.stream().map(list -> list.query("limit").orElse("none")).distinct().toList());
        }
        report("list page size the operator asks for (contract ListPages)", Long.toString(ListPages.SIZE));
    }

    private static String rate(List<AuditedRequest> requests, Duration window) {
        Map<String, Long> byKind = RealOperatorFleet.byKind(requests);
        return "%.1f/s (%d in %d s; %.2f/s per 1,000 sessions) %s".formatted(requests.size() / (double) window.toSeconds(),
                requests.size(), window.toSeconds(), requests.size() / (double) window.toSeconds() * 1000 / SESSIONS,
                byKind.toString().replace('|', '/'));
    }

    private static void report(String measurement, String result) {
        System.out.println("BENCH|operator-real|%d sessions: %s|%s|report".formatted(SESSIONS, measurement, result));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
