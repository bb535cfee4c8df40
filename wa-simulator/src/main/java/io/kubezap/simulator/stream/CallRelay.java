package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.LinkedDevice;
import io.kubezap.simulator.phone.PhoneCall;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Call signalling between simulated phones and companions, as WhatsApp's server relays it: a {@code call} stanza with
 * {@code offer} to every linked device of the callee, {@code terminate} when the caller hangs up or nobody answers,
 * and a companion's {@code reject}, which the server acknowledges and passes to the caller. Media never flows: the
 * offer carries the codecs a phone announces, not the encrypted call key.
 */
public final class CallRelay {

    private final PhoneDirectory phones;
    private final OfflineQueue offline;
    private final Clock clock;

    CallRelay(PhoneDirectory phones, OfflineQueue offline, Clock clock) {
        this.phones = phones;
        this.offline = offline;
        this.clock = clock;
    }

    /** {@code fromNumber} calls {@code toNumber}; every linked companion of the callee rings. */
    public PhoneCall call(String fromNumber, String toNumber, boolean video) {
        var caller = phone(fromNumber);
        var callee = phone(toNumber);
        var call = caller.call(callee.jid(), video, clock.instant());
        var offer = new ArrayList<Node>();
        offer.add(Node.of("audio", Map.of("enc", "opus", "rate", "16000")));
        offer.add(Node.of("audio", Map.of("enc", "opus", "rate", "8000")));
        if (video) {
            offer.add(Node.of("video", Map.of("enc", "vp8", "dec", "vp8", "orientation", "0", "screen_width", "1080",
                    "screen_height", "2340", "device_orientation", "0")));
        }
        offer.add(Node.of("net", Map.of("medium", "3")));
        offer.add(Node.of("encopt", Map.of("keygen", "2")));
        // a LID-addressed caller calls under its LID, its number beside it unless it hides it (as its messages' sender_pn)
        var attributes = ServerNodes.attributes("call-id", call.id(), "call-creator", caller.address());
        caller.revealedNumber().ifPresent(number -> attributes.put("caller_pn", number));
        signal(caller, callee, Node.of("offer", attributes, offer));
        return call;
    }

    /** The caller hangs up, or ({@code timeout}) the call stops ringing unanswered. */
    public PhoneCall end(String fromNumber, String callId, boolean timeout) {
        var caller = phone(fromNumber);
        var ended = caller.endCall(callId, timeout ? "timed_out" : "ended", null, clock.instant());
        var attributes = timeout
                ? Map.<String, Object>of("call-id", callId, "call-creator", caller.address(), "reason", "timeout")
                : Map.<String, Object>of("call-id", callId, "call-creator", caller.address());
        signal(caller, phone(ended.to().user()), Node.of("terminate", attributes));
        return ended;
    }

    /** A companion's {@code call} stanza: a {@code reject} declines the caller's call; the server acks every one. */
    void onClientCall(ChatSession session, Node call) {
        var signal = call.children().peekFirst();
        var ack = ServerNodes.attributes("class", "call", "id", call.attributes().getString("id", ""),
                "from", call.attributes().getString("to", ""));
        if (signal != null) {
            ack.put("type", signal.description());
        }
        session.answer(Node.of("ack", ack));
        if (signal == null || !signal.description().equals("reject") || session.deviceJid().isEmpty()) {
            return;
        }
        var creator = signal.attributes().getOptionalJid("call-creator");
        var callId = signal.attributes().getString("call-id", "");
        creator.flatMap(phones::find).ifPresent(caller -> {
            try {
                caller.endCall(callId, "rejected", session.deviceJid().get().toString(), clock.instant());
            } catch (NoSuchElementException | IllegalStateException notRinging) {
                // a reject for a call that is over (or unknown) changes nothing, as on WhatsApp
            }
        });
    }

    private void signal(SimulatedPhone caller, SimulatedPhone callee, Node signal) {
        var stanza = Node.of("call", ServerNodes.attributes("from", caller.address(), "id", ServerNodes.newMessageId(),
                "t", clock.instant().getEpochSecond()), signal);
        for (var device : linked(callee)) {
            offline.deliver(device, stanza);
        }
    }

    private static List<Jid> linked(SimulatedPhone phone) {
        return phone.devices().stream().filter(device -> device.status() == DeviceStatus.LINKED).map(LinkedDevice::jid).toList();
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }
}
