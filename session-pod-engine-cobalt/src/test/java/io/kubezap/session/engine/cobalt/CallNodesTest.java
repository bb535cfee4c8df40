package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.CallState;
import io.kubezap.session.engine.EngineEvent.CallUpdated;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CallNodesTest {

    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");
    private static final String CALLER = "5511988880014@s.whatsapp.net";

    @Test
    void anOfferWithVideoRingsFromItsCreator() {
        var node = NodeView.of("call", Map.of("from", "5511988880014:0@s.whatsapp.net", "id", "S1", "t", "1795000000"),
                NodeView.of("offer", Map.of("call-id", "C1", "call-creator", "5511988880014:0@s.whatsapp.net"),
                        NodeView.of("audio", Map.of("enc", "opus")), NodeView.of("video", Map.of("enc", "vp8"))));

        assertThat(CallNodes.of(node, AT)).contains(new CallUpdated("C1", CALLER, true, CallState.RINGING,
                Instant.ofEpochSecond(1795000000), false));
    }

    @Test
    void aTerminateIsAnEndOrATimeoutAndOtherDevicesAnswersAreKept() {
        var hungUp = NodeView.of("call", Map.of("from", CALLER), NodeView.of("terminate", Map.of("call-id", "C1", "call-creator", CALLER)));
        var timedOut = NodeView.of("call", Map.of("from", CALLER),
                NodeView.of("terminate", Map.of("call-id", "C2", "call-creator", CALLER, "reason", "timeout")));
        var accepted = NodeView.of("call", Map.of("from", CALLER), NodeView.of("accept", Map.of("call-id", "C3", "call-creator", CALLER)));

        assertThat(CallNodes.of(hungUp, AT)).map(CallUpdated::state).contains(CallState.ENDED);
        assertThat(CallNodes.of(timedOut, AT)).map(CallUpdated::state).contains(CallState.TIMED_OUT);
        assertThat(CallNodes.of(accepted, AT)).map(CallUpdated::state).contains(CallState.ACCEPTED);
    }

    @Test
    void anOfferFromALidPairsItWithTheCallersNumberWhenShared() {
        var lid = "123456789012345@lid";
        var shared = NodeView.of("call", Map.of("from", lid), NodeView.of("offer",
                Map.of("call-id", "C4", "call-creator", "123456789012345:0@lid", "caller_pn", "5511988880014:0@s.whatsapp.net")));
        assertThat(CallNodes.learned(shared)).contains(new EngineEvent.AddressLearned(lid, CALLER, "call"));
        assertThat(CallNodes.of(shared, AT).orElseThrow().callerJid()).isEqualTo(lid);

        var hidden = NodeView.of("call", Map.of("from", lid), NodeView.of("offer", Map.of("call-id", "C5", "call-creator", lid)));
        assertThat(CallNodes.learned(hidden)).isEmpty();
        var byNumber = NodeView.of("call", Map.of("from", CALLER), NodeView.of("offer", Map.of("call-id", "C6", "call-creator", CALLER)));
        assertThat(CallNodes.learned(byNumber)).isEmpty();
    }

    @Test
    void otherStanzasAndSignalsWithoutACallIdAreNotCalls() {
        assertThat(CallNodes.of(NodeView.of("receipt", Map.of("from", CALLER)), AT)).isEmpty();
        assertThat(CallNodes.of(NodeView.of("call", Map.of("from", CALLER), NodeView.of("relaylatency", Map.of())), AT)).isEmpty();
        assertThat(CallNodes.of(NodeView.of("call", Map.of("from", CALLER), NodeView.of("offer", Map.of())), AT)).isEmpty();
    }
}
