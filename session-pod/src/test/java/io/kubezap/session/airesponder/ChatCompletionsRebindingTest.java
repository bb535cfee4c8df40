package io.kubezap.session.airesponder;

import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.automation.autoreply.AutoReplySettings;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S6, performed: the endpoint's name answers the egress check with the address the cluster admin allows
 * (127.0.0.2) and any later lookup with loopback (127.0.0.1, where "localhost" goes), where another server listens on
 * the same port. The tenant's bearer token must reach only the address that was checked.
 */
class ChatCompletionsRebindingTest {

    private StandInChatCompletions allowed;
    private StandInChatCompletions loopback;

    @AfterEach
    void stop() {
        for (StandInChatCompletions server : new StandInChatCompletions[]{allowed, loopback}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckNeverGetsTheBearerToken() throws Exception {
        allowed = StandInChatCompletions.start(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0),
                request -> new StandInChatCompletions.Text("from the allowed endpoint", 1));
        loopback = StandInChatCompletions.start(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), allowed.port()),
                request -> new StandInChatCompletions.Text("from loopback", 1));
        AtomicInteger lookups = new AtomicInteger();
        EgressRule rule = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("127.0.0.2/32")), AddressList.NONE, "",
                host -> new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});

        String answer = StandInChatCompletions.client(rule)
                .complete(settings("http://localhost:" + allowed.port() + "/v1"), Optional.of("sk-tenant-key"), List.of(new ChatCompletions.Turn("user", "Oi")));

        assertThat(loopback.requests()).as("requests at the loopback listener").isEmpty();
        assertThat(answer).isEqualTo("from the allowed endpoint");
        assertThat(allowed.requests()).singleElement().satisfies(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer sk-tenant-key");
            assertThat(request.host()).isEqualTo("localhost:" + allowed.port());
        });
        assertThat(lookups).hasValue(1);
    }

    private static AiResponderSettings settings(String baseUrl) {
        return AutoReplySettings.parse("""
                {"ai": {"baseUrl": "%s", "model": "llama-3.1-8b", "timeoutSeconds": 10}}""".formatted(baseUrl)).ai().orElseThrow();
    }
}
