package io.kubezap.system;

import io.kubezap.contract.ListPages;
import io.kubezap.testing.apiserver.AuditedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator on a real kube-apiserver with more sessions than one list page ({@link ListPages#SIZE}): created before
 * it starts, it lists them in pages (the audit log's {@code limit} and {@code continue}) and reconciles every one (a
 * status, a StatefulSet, Secrets and the Service); a second operator process started after the first stops (a
 * rollout) lists them again in pages and writes nothing to any session or its objects, having nothing to change.
 * The behaviour of {@link RealOperatorAtScaleBenchmarkIT} at a small size; no timing asserted. Skips without the
 * binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerOperatorAtScaleIT {

    private static final int SESSIONS = Integer.getInteger("kubezap.realScale.sessions", 600);
    /** How long the restarted operator is watched for writes after it has started. */
    private static final Duration AFTER_RESTART = Duration.ofSeconds(Long.getLong("kubezap.realScale.quietSeconds", 60));

    @Test
    void everySessionOfAPagedListIsReconciledAndARestartWritesNothing() throws Exception {
        try (RealOperatorFleet fleet = RealOperatorFleet.install("paged", SESSIONS)) {
            fleet.createAll();
            Instant firstStart = Instant.now();
            try (QuarkusProcess operator = fleet.startOperator("operator")) {
                assertThat(fleet.awaitReconciled(operator, Duration.ofMinutes(10)))
                        .as("all %d sessions reconciled (%d with a status); log under %s", SESSIONS, fleet.withStatus(), fleet.work)
                        .isTrue();
            }
            assertPagedList(fleet.operatorRequests(firstStart));

            Instant restart = Instant.now();
            try (QuarkusProcess restarted = fleet.startOperator("operator-restarted")) {
                Thread.sleep(AFTER_RESTART.toMillis());
                assertThat(restarted.isAlive()).isTrue();
                List<AuditedRequest> requests = fleet.operatorRequests(restart);
                assertPagedList(requests);
                assertThat(RealOperatorFleet.sessionWrites(requests))
                        .as("writes of the restarted operator to converged sessions (all its requests: %s)", RealOperatorFleet.byKind(requests))
                        .isEmpty();
                assertThat(fleet.withStatus()).isEqualTo(SESSIONS);
            }
        }
    }

    /** Its sessions listed page by page: every list asks for {@link ListPages#SIZE}, the pages after the first continue it. */
    private static void assertPagedList(List<AuditedRequest> requests) {
        List<AuditedRequest> lists = RealOperatorFleet.lists(requests, "whatsappsessions");
        assertThat(lists).as("the operator's lists of sessions").isNotEmpty()
                .allSatisfy(list -> assertThat(list.query("limit")).hasValue(Long.toString(ListPages.SIZE)));
        long pages = (SESSIONS + ListPages.SIZE - 1) / ListPages.SIZE;
        assertThat(lists.stream().filter(list -> list.query("continue").isPresent()).count())
                .as("pages after the first of %d sessions: %s", SESSIONS, lists.stream().map(AuditedRequest::uri).toList())
                .isGreaterThanOrEqualTo(pages - 1);
    }
}
