package io.kubezap.session.fuzz;

import io.kubezap.contract.SessionPath;
import io.kubezap.contract.testing.PathSpellings;
import io.kubezap.session.testing.Api;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.MatchedRoute;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S2: the pod answered {@code …/;x}, {@code //}, {@code x/..} and {@code %2e} as the session's root, whose
 * state holds the QR, while the gateway judged them plain reads. Now the pod serves a path below the session only in
 * its plain spelling (contract {@link SessionPath}), the one the gateway judges a call by and forwards; every other
 * spelling is refused, never routed. Each spelling goes on the wire as written; {@link MatchedRoute} says which
 * resource method answered.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class PathSpellingsTest {

    /** The routes that show a code linking a phone: the gateway must judge their paths manage. */
    private static final Set<String> SHOWING_CODES = Set.of("SessionResource#get", "SessionResource#qr");
    /** What the gateway judges manage among reads, by the path's first segment (gateway ProxiedOperation). */
    private static final Set<String> JUDGED_MANAGE = Set.of("", "qr", "pairing-code");

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    SimulatedWhatsApp whatsapp;

    record Answer(int status, String route, String body) {
    }

    @BeforeEach
    void waitingForItsQr() {
        whatsapp.resetToUnpaired();
    }

    @Test
    void theIssuesSpellingsOfTheRootAreRefusedAndShowNoCode() throws Exception {
        String qr = whatsapp.currentQr();
        for (String spelling : PathSpellings.ROOT) {
            Answer answer = get(spelling);
            assertThat(answer.status()).as("%s answered %s", spelling, answer.body()).isEqualTo(400);
            assertThat(answer.body()).as(spelling).contains("ambiguous-path").doesNotContain(qr);
        }
    }

    @Test
    void everySpellingIsRefusedOrRoutedAsItsPlainSpellingTheOneTheGatewayJudges() throws Exception {
        List<String> spellings = new ArrayList<>(PathSpellings.ROOT);
        spellings.addAll(PathSpellings.generated(79, 400));
        int routed = 0;
        for (String spelling : spellings) {
            Answer asSent = get(spelling);
            if (!SessionPath.isPlain(spelling)) {
                assertThat(asSent.status()).as("%s answered %s", spelling, asSent.body()).isEqualTo(400);
                assertThat(asSent.body()).as(spelling).contains("ambiguous-path");
                continue;
            }
            SessionPath judged = SessionPath.of(spelling);
            Answer asForwarded = get(judged.encoded());
            assertThat(asSent.route()).as("route of %s against its plain spelling %s", spelling, judged.encoded())
                    .isEqualTo(asForwarded.route());
            assertThat(asSent.status()).as(spelling).isEqualTo(asForwarded.status());
            if (SHOWING_CODES.contains(asSent.route())) {
                assertThat(JUDGED_MANAGE).as("%s reached %s", spelling, asSent.route()).contains(judged.first());
            }
            routed++;
        }
        assertThat(routed).as("plain spellings sent").isGreaterThan(20);
    }

    /** What the gateway forwards is always plain, so the pod serves it. */
    @Test
    void thePlainSpellingOfEachReadableSpellingIsServed() throws Exception {
        for (String spelling : PathSpellings.generated(80, 100)) {
            try {
                String forwarded = SessionPath.of(spelling).encoded();
                Answer answer = get(forwarded);
                assertThat(answer.body()).as("%s as %s", spelling, forwarded).doesNotContain("ambiguous-path");
            } catch (SessionPath.Refused refusedAtTheGateway) {
                // the gateway answers 400 and forwards nothing
            }
        }
    }

    private Answer get(String below) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort() + Api.SESSION + (below.isEmpty() ? "" : "/" + below));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("X-Api-Key", Api.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue(MatchedRoute.HEADER).orElse("none"),
                response.body());
    }
}
