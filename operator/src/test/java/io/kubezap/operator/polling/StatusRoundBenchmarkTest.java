package io.kubezap.operator.polling;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.it.SessionPodStub;
import io.kubezap.operator.it.SessionStates;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.sessionapi.SessionApiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Not part of the default build. One status round, as the operator's poller runs it when every session's interval
 * comes due at once: {@value #DEFAULT_SESSIONS} sessions (benchmark.sessions), one in twenty (5 %) behind a pod that
 * accepts the call and never answers, production deadline (5 s) and in-flight limit (256). Reports, for the pods that
 * answer, how long after the round's start their answer was in: p50, p99, max; and the same for a second round, once
 * the hung pods are known not to answer, after two rounds in which every pod answers (warm-up, and the baseline). Loopback HTTP; the stand-in pods run in this JVM.
 * Run: {@code ./mvnw -B -pl operator -am verify -Doperator.excludedGroups=none -Dgroups=benchmark
 * -Dtest=StatusRoundBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class StatusRoundBenchmarkTest {

    static final int DEFAULT_SESSIONS = 10_000;
    private static final PollTarget API = PollTarget.api("key");

    @Test
    void aStatusRoundOverManySessionsWithSomeUnreachable() throws Exception {
        int sessions = Integer.getInteger("benchmark.sessions", DEFAULT_SESSIONS);
        SessionPodStub pods = new SessionPodStub();
        try {
            var config = TestSessions.config(Map.of("kubezap.session.endpoint-override", pods.baseUrl()));
            List<WhatsAppSession> all = IntStream.range(0, sessions)
                    .mapToObj(i -> TestSessions.session("s-" + i)).toList();
            IntStream.range(0, sessions).forEach(i -> pods.state("s-" + i, SessionStates.connected("s-" + i, "5511")));
            PodAsker baseline = asker(config);
            round("warm-up, every pod answers", baseline, all);
            round("every pod answers", baseline, all);
            IntStream.range(0, sessions).filter(i -> i % 20 == 0).forEach(i -> pods.hung("s-" + i));
            PodAsker asker = asker(config);
            round("first round (hung pods not yet known)", asker, all);
            round("second round (hung pods in their own lane)", asker, all);
        } finally {
            pods.stop();
        }
    }

    private static PodAsker asker(OperatorConfig config) {
        return new PodAsker(new SessionApiClient(config), null, Runnable::run, config.poll().maxInFlight());
    }

    private static void round(String name, PodAsker asker, List<WhatsAppSession> sessions) {
        long start = System.nanoTime();
        List<CompletableFuture<Long>> answers = new ArrayList<>();
        for (WhatsAppSession session : sessions) {
            answers.add(asker.ask(session, API).thenApply(seen -> seen.state() == null ? -1 : System.nanoTime() - start));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        long whole = System.nanoTime() - start;
        long[] healthy = answers.stream().mapToLong(CompletableFuture::join).filter(nanos -> nanos >= 0).sorted().toArray();
        System.out.printf("%s: %d sessions, %d answered, %d did not; answered p50 %d ms, p99 %d ms, max %d ms;"
                        + " round over (deadlines included) after %d ms%n", name, sessions.size(), healthy.length,
                sessions.size() - healthy.length, millis(healthy, 0.50), millis(healthy, 0.99),
                healthy[healthy.length - 1] / 1_000_000, whole / 1_000_000);
    }

    private static long millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1_000_000;
    }
}
