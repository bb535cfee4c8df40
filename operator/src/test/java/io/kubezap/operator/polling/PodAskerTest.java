package io.kubezap.operator.polling;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodPhase;
import io.kubezap.operator.it.SessionPodStub;
import io.kubezap.operator.it.SessionStates;
import io.kubezap.operator.resources.TestSessions;
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

    /** Hung calls get a deadline far beyond the test's length. */
    private PodAsker asker(int maxInFlight) {
        var config = TestSessions.config(Map.of("kubezap.session.endpoint-override", pods.baseUrl(),
                "kubezap.session.request-timeout", "10m"));
        return new PodAsker(new SessionApiClient(config), null, Runnable::run, maxInFlight);
    }
}
