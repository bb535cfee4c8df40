package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticks a writer's phone shows from the receipts companions send, routed as WhatsApp's server routes them. */
class ReceiptRoutingTest {

    private static final String WRITER = "5511900000001";
    private static final String SESSION = "5511900000002";
    private static final String OTHER = "5511900000003";
    private static final Jid SESSION_DEVICE = Jid.of(SESSION + ":3@s.whatsapp.net");
    private static final Jid GROUP = Jid.of("120363000000000001@g.us");

    private final PhoneDirectory phones = new PhoneDirectory();
    private final SimulatedPhone writer = phones.create(WRITER, "Cliente");
    private final ReceiptRouting routing = new ReceiptRouting(phones);

    ReceiptRoutingTest() {
        phones.create(SESSION, "Loja");
        phones.create(OTHER, "Outro");
    }

    @Test
    void aOneToOneReceiptGoesToTheAccountItIsAddressedTo() {
        writer.recordSent("D1", Jid.of(SESSION + "@s.whatsapp.net"), Set.of(SESSION), text("Oi"), Instant.EPOCH);

        routing.route(SESSION_DEVICE, writer.jid(), Optional.empty(), List.of("D1"), "delivered");
        assertThat(status("D1")).isEqualTo("delivered");
        routing.route(SESSION_DEVICE, writer.jid(), Optional.empty(), List.of("D1"), "read");
        assertThat(status("D1")).isEqualTo("read");
    }

    @Test
    void aGroupReceiptReachesTheWriterNamedAsParticipantAndTheTicksFollowTheSlowestMember() {
        writer.recordSent("G1", GROUP, Set.of(SESSION, OTHER), text("No grupo"), Instant.EPOCH);

        routing.route(SESSION_DEVICE, GROUP, Optional.of(writer.jid()), List.of("G1"), "read");
        assertThat(status("G1")).as("one of two members read it").isEqualTo("sent");
        routing.route(Jid.of(OTHER + ":2@s.whatsapp.net"), GROUP, Optional.of(writer.jid()), List.of("G1"), "delivered");
        assertThat(status("G1")).as("both got it, one read it").isEqualTo("delivered");
        routing.route(Jid.of(OTHER + ":2@s.whatsapp.net"), GROUP, Optional.of(writer.jid()), List.of("G1"), "read");
        assertThat(status("G1")).isEqualTo("read");
    }

    @Test
    void whatWhatsAppCouldNotDeliverChangesNoTick() {
        writer.recordSent("G2", GROUP, Set.of(SESSION), text("No grupo"), Instant.EPOCH);
        writer.recordSent("D2", Jid.of(OTHER + "@s.whatsapp.net"), Set.of(OTHER), text("Só para o outro"), Instant.EPOCH);

        // a group read receipt without participant: the server cannot tell whose message it is
        routing.route(SESSION_DEVICE, GROUP, Optional.empty(), List.of("G2"), "read");
        // the group's message named as a one-to-one message, and a message that went to another account
        routing.route(SESSION_DEVICE, writer.jid(), Optional.empty(), List.of("G2", "D2"), "read");
        // a message id the writer never sent
        routing.route(SESSION_DEVICE, GROUP, Optional.of(writer.jid()), List.of("NOPE"), "read");

        assertThat(status("G2")).isEqualTo("sent");
        assertThat(status("D2")).isEqualTo("sent");
    }

    @Test
    void aStatusViewReachesItsPosterNamedAsParticipant() {
        writer.recordSent("S1", StatusBroadcasts.STATUS, Set.of(SESSION), text("Promoção"), Instant.EPOCH);

        routing.route(SESSION_DEVICE, StatusBroadcasts.STATUS, Optional.empty(), List.of("S1"), "read");
        assertThat(status("S1")).isEqualTo("sent");
        routing.route(SESSION_DEVICE, StatusBroadcasts.STATUS, Optional.of(writer.jid()), List.of("S1"), "read");
        assertThat(status("S1")).isEqualTo("read");
    }

    @Test
    void aPlayedReceiptShowsTheVoiceNotePlayedOnceEveryRecipientPlayedIt() {
        writer.recordSent("V1", GROUP, Set.of(SESSION, OTHER), text("voice"), Instant.EPOCH);

        assertThat(ReceiptRouting.ticks("played")).contains("played");
        routing.route(SESSION_DEVICE, GROUP, Optional.of(writer.jid()), List.of("V1"), "played");
        routing.route(Jid.of(OTHER + ":2@s.whatsapp.net"), GROUP, Optional.of(writer.jid()), List.of("V1"), "read");
        assertThat(status("V1")).as("one played it, the other only read it").isEqualTo("read");
        routing.route(SESSION_DEVICE, GROUP, Optional.of(writer.jid()), List.of("V1"), "read");
        routing.route(Jid.of(OTHER + ":2@s.whatsapp.net"), GROUP, Optional.of(writer.jid()), List.of("V1"), "played");
        assertThat(status("V1")).as("a later read receipt does not take a play back").isEqualTo("played");
    }

    private String status(String id) {
        return writer.messages().stream().filter(message -> message.id().equals(id)).findFirst().orElseThrow().status();
    }

    private static byte[] text(String text) {
        return new ProtobufWriter().string(1, text).toByteArray();
    }
}
