package io.kubezap.operator.polling;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodPhase;
import io.kubezap.operator.it.SessionPodStub;
import io.kubezap.operator.it.SessionStates;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.sessionapi.SessionApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pods that did not answer their last poll are asked in a lane of their own: however many of them hang, a pod that
 * answers is asked and answered while they do. Ordering only: no hung call ends within the test.
 */
class PodAskerTest {

    private static final PollTarget API = PollTarget.api("key");

    private SessionPodStub pods;

    @BeforeEach
    void start() throws Exception {
        pods = new SessionPodStub();
        pods.state("healthy", SessionStates.connected("healthy", "5511"));
    }

    @AfterEach
    void stop() {
        pods.stop();
    }

    @Test
    void podsThatFailedTheirLastPollNeverHoldTheSlotsOfPodsThatAnswer() {
        List<String> hungNames = IntStream.range(0, 3).mapToObj(i -> "hung-" + i).toList();
        List<WhatsAppSession> hung = hungNames.stream().map(TestSessions::session).toList();
        WhatsAppSession healthy = TestSessions.session("healthy");
        PodAsker asker = asker(1);
        hungNames.forEach(pods::down);
        hung.forEach(session -> assertThat(asker.ask(session, API).join().apiError()).isNotNull());

        hungNames.forEach(pods::hung);
        List<CompletableFuture<PodObservation>> waiting = hung.stream().map(session -> asker.ask(session, API)).toList();
        CompletableFuture<PodObservation> answered = asker.ask(healthy, API);

        await().atMost(Duration.ofSeconds(30)).until(answered::isDone);
        assertThat(answered.join().state().phase()).isEqualTo(PodPhase.Connected);
        assertThat(waiting).as("the hung pods are still being waited for").noneMatch(CompletableFuture::isDone);
    }

    @Test
    void aPodThatAnswersAgainLeavesTheLaneOfThoseThatDoNot() {
        WhatsAppSession flaky = TestSessions.session("flaky");
        WhatsAppSession healthy = TestSessions.session("healthy");
        PodAsker asker = asker(1);
        pods.down("flaky");
        assertThat(asker.ask(flaky, API).join().apiError()).isNotNull();
        pods.state("flaky", SessionStates.connected("flaky", "5512"));
        assertThat(asker.ask(flaky, API).join().state().phase()).isEqualTo(PodPhase.Connected);

        pods.hung("flaky");
        CompletableFuture<PodObservation> hangingNow = asker.ask(flaky, API);
        CompletableFuture<PodObservation> queued = asker.ask(healthy, API);
        assertThat(hangingNow).isNotDone();
        assertThat(queued).as("one slot for pods that answered: the healthy pod waits behind the one that hangs now")
                .isNotDone();
    }

    /**
     * A restarted operator has seen no call fail yet: a pod its session's status records as not answering is asked in
     * the lane of those that do not answer from its first call on, so the healthy pods' slots stay free.
     */
    @Test
    void afterARestartAPodTheStatusRecordsAsNotAnsweringIsFirstAskedInTheLaneOfThoseThatDoNot() {
        WhatsAppSession hung = notAnswering(TestSessions.session("hung-0"));
        WhatsAppSession healthy = TestSessions.session("healthy");
        pods.hung("hung-0");
        PodAsker asker = asker(1);

        CompletableFuture<PodObservation> waiting = asker.ask(hung, API, false);
        CompletableFuture<PodObservation> answered = asker.ask(healthy, API, false);

        await().atMost(Duration.ofSeconds(30)).until(answered::isDone);
        assertThat(answered.join().state().phase()).isEqualTo(PodPhase.Connected);
        assertThat(waiting).as("the hung pod is still being waited for").isNotDone();
    }

    /**
     * Right after a restart every pod is asked once (a sweep), the hung ones in the healthy pods' lane since none has
     * failed yet in this process; a pod that notifies a change meanwhile is asked as soon as a slot frees, before the
     * sweep's calls queued earlier. Order only: each hung call ends at the request timeout, and the notified pod's
     * answer must come before the end of the second hung call, which starts only after it.
     */
    @Test
    void aNotifiedPodIsAskedBeforeTheSweepCallsQueuedAheadOfIt() {
        List<String> hungNames = IntStream.range(0, 3).mapToObj(i -> "hung-" + i).toList();
        hungNames.forEach(pods::hung);
        PodAsker asker = asker(1, "5s");
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<CompletableFuture<PodObservation>> swept = hungNames.stream()
                .map(name -> asker.ask(TestSessions.session(name), API, false)
                        .whenComplete((seen, error) -> ended.add(name)))
                .toList();
        CompletableFuture<PodObservation> notified = asker.ask(TestSessions.session("healthy"), API, true)
                .whenComplete((seen, error) -> ended.add("healthy"));

        await().atMost(Duration.ofSeconds(60)).until(() -> swept.stream().allMatch(CompletableFuture::isDone));
        assertThat(notified.join().state().phase()).isEqualTo(PodPhase.Connected);
        assertThat(ended.indexOf("healthy")).as("the notified pod went ahead of the sweep's queued calls: %s", ended)
                .isLessThan(ended.indexOf("hung-1")).isLessThan(ended.indexOf("hung-2"));
    }

    private static WhatsAppSession notAnswering(WhatsAppSession session) {
        var status = new io.kubezap.api.v1alpha1.WhatsAppSessionStatus();
        status.setConditions(List.of(new io.fabric8.kubernetes.api.model.ConditionBuilder()
                .withType(io.kubezap.api.v1alpha1.WhatsAppSessionStatus.CONDITION_READY).withStatus("False")
                .withReason(io.kubezap.operator.events.Reason.SessionApiUnreachable.name())
                .withMessage("the session pod's REST API did not answer: timed out").build()));
        session.setStatus(status);
        return session;
    }

    /** Hung calls get a deadline far beyond the test's length. */
    private PodAsker asker(int maxInFlight) {
        return asker(maxInFlight, "10m");
    }

    private PodAsker asker(int maxInFlight, String requestTimeout) {
        var config = TestSessions.config(Map.of("kubezap.session.endpoint-override", pods.baseUrl(),
                "kubezap.session.request-timeout", requestTimeout));
        return new PodAsker(new SessionApiClient(config), null, Runnable::run, maxInFlight);
    }
}
