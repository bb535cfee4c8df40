package io.kubezap.cobalt.patches;

import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.model.info.DeviceContextInfoBuilder;
import it.auties.whatsapp.io.BinaryEncoder;
import it.auties.whatsapp.io.BinaryLength;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.server.DeviceSentMessageBuilder;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessageBuilder;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.message.SenderKeyMessage;
import it.auties.whatsapp.socket.SocketRequest;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each class this module replaces, released Cobalt 0.0.10's ({@link UpstreamCobalt}) beside ours: the defect, then the
 * fix (README, "What is replaced"). When a Cobalt release fixes one, its upstream half here fails: drop the replacement.
 */
class CobaltDefectsTest {

    private static final String CHANNEL = "120363123456789012@newsletter";

    @Test
    void binaryLengthCountsAChannelJidAsTheEncoderWritesIt() throws Exception {
        var upstreamJid = UpstreamCobalt.call(UpstreamCobalt.load("it.auties.whatsapp.model.jid.Jid"), "of", CHANNEL);
        var upstreamAck = UpstreamCobalt.call(UpstreamCobalt.load("it.auties.whatsapp.model.node.Node"), "of", "ack",
                Map.of("id", "3EB0AB12", "to", upstreamJid, "class", "message"));
        var ack = Node.of("ack", Map.of("id", "3EB0AB12", "to", Jid.of(CHANNEL), "class", "message"));
        int written = BinaryEncoder.encode(ack).length;

        int upstreamCount = (int) UpstreamCobalt.call(UpstreamCobalt.load("it.auties.whatsapp.io.BinaryLength"), "sizeOf", upstreamAck);

        assertThat(upstreamCount).as("Cobalt 0.0.10 counts the channel's server as one byte").isLessThan(written);
        assertThat(BinaryLength.sizeOf(ack)).isEqualTo(written);
    }

    @Test
    void serverMessageDeliversEditsDeletionsAndHistoryAsMessages() throws Exception {
        var upstreamType = UpstreamCobalt.load("it.auties.whatsapp.model.message.server.ProtocolMessage$Type");
        var upstreamBuilder = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.model.message.server.ProtocolMessageBuilder"));
        UpstreamCobalt.call(upstreamBuilder, "protocolType", enumConstant(upstreamType, "MESSAGE_EDIT"));
        var upstreamEdit = UpstreamCobalt.call(upstreamBuilder, "build");

        assertThat(UpstreamCobalt.call(upstreamEdit, "category").toString())
                .as("Cobalt 0.0.10 drops an edit before its listeners see it").isEqualTo("SERVER");
        var edit = new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.MESSAGE_EDIT).build();
        var revoke = new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.REVOKE).build();
        var keyShare = new ProtocolMessageBuilder().protocolType(ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE).build();
        assertThat(edit.category()).isEqualTo(Message.Category.STANDARD);
        assertThat(revoke.category()).isEqualTo(Message.Category.STANDARD);
        assertThat(keyShare.category()).as("what Cobalt handles itself stays its own").isEqualTo(Message.Category.SERVER);
    }

    @Test
    void messageContainerReadsAndWritesCalendarEventsAlbumsAndHdOriginals() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 7);
        byte[] event = new byte[]{0x1A, 0x06, 'L', 'a', 'u', 'n', 'c', 'h', 0x38, (byte) 0x80, (byte) 0xA3, (byte) 0xC5, (byte) 0xE7, 0x06};
        byte[] received = message(secret, Map.of(75, event));
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.message.model.MessageContainerSpec");
        var upstream = UpstreamCobalt.call(upstreamSpec, "decode", (Object) received);

        assertThat(UpstreamCobalt.call(upstream, "isEmpty"))
                .as("Cobalt 0.0.10 decodes a calendar event as an empty message, which its handler drops").isEqualTo(true);
        assertThat((byte[]) UpstreamCobalt.call(upstreamSpec, "encode", upstream))
                .as("and writes the event back without it").isNotEqualTo(received);

        var container = MessageContainerSpec.decode(received);
        assertThat(container.isEmpty()).isFalse();
        assertThat(container.eventMessage()).contains(event);
        assertThat(container.deviceInfo().flatMap(info -> info.messageSecret())).contains(secret);
        var again = MessageContainerSpec.decode(MessageContainerSpec.encode(container));
        assertThat(again.eventMessage()).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(event));
        assertThat(again.deviceInfo().flatMap(info -> info.messageSecret())).contains(secret);
        // field 75, length-delimited: tag 0xDA 0x04, then the event's length and bytes as received
        assertThat(MessageContainerSpec.encode(container)).containsSequence(0xDA, 0x04, event.length).containsSequence(event);
        for (int field : new int[]{76, 82, 83, 91}) {
            byte[] inner = new byte[]{0x08, 0x01};
            var decoded = MessageContainerSpec.decode(message(secret, Map.of(field, inner)));
            assertThat(java.util.stream.Stream.of(decoded.encEventResponseMessage(), decoded.secretEncryptedMessage(),
                    decoded.albumMessage(), decoded.associatedChildMessage()).flatMap(java.util.Optional::stream))
                    .as("field %d", field).containsExactly(inner);
            var written = MessageContainerSpec.decode(MessageContainerSpec.encode(decoded));
            assertThat(java.util.stream.Stream.of(written.encEventResponseMessage(), written.secretEncryptedMessage(),
                    written.albumMessage(), written.associatedChildMessage()).flatMap(java.util.Optional::stream))
                    .as("field %d written back", field).containsExactly(inner);
        }
        var otherSecret = new DeviceContextInfoBuilder().messageSecret(new byte[32]).build();
        assertThat(container.withDeviceInfo(otherSecret).eventMessage())
                .as("a new messageContextInfo keeps the event (Cobalt's rebuilt the message from what it models)").contains(event);
        var toOwnDevices = MessageContainer.of(new DeviceSentMessageBuilder()
                .destinationJid(Jid.of("5511999999999@s.whatsapp.net")).message(container).build());
        assertThat(toOwnDevices.isEmpty())
                .as("the copy of a sent event for the account's other devices is not empty (Cobalt sends no bytes for empty)")
                .isFalse();
        assertThat(container.toEphemeral().unbox().eventMessage())
                .as("an event sent in a disappearing chat keeps the event").contains(event);
        assertThat(container.toEphemeral().deviceInfo().flatMap(info -> info.messageSecret())).contains(secret);
    }

    /** A {@code Message}: {@code messageContextInfo} (35) with {@code messageSecret} (3), then each field's bytes. */
    private static byte[] message(byte[] secret, Map<Integer, byte[]> fields) {
        var out = new java.io.ByteArrayOutputStream();
        var context = new java.io.ByteArrayOutputStream();
        lengthDelimited(context, 3, secret);
        lengthDelimited(out, 35, context.toByteArray());
        fields.forEach((field, bytes) -> lengthDelimited(out, field, bytes));
        return out.toByteArray();
    }

    private static void lengthDelimited(java.io.ByteArrayOutputStream out, int field, byte[] bytes) {
        varint(out, field << 3 | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(java.io.ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    @Test
    void aListsUntitledSectionAndARowWithoutDescriptionAreBuiltAndReadWhereCobaltsRefuseThem() throws Exception {
        var row = new java.io.ByteArrayOutputStream();
        lengthDelimited(row, 1, "09:00".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lengthDelimited(row, 3, "9h".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var section = new java.io.ByteArrayOutputStream();
        lengthDelimited(section, 2, row.toByteArray());
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.button.base.ButtonSectionSpec");
        assertThatThrownBy(() -> UpstreamCobalt.call(upstreamSpec, "decode", (Object) section.toByteArray()))
                .as("Cobalt 0.0.10 cannot read WhatsApp's untitled section of rows without description")
                .isInstanceOf(NullPointerException.class);
        var upstreamRow = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.model.button.base.ButtonRowBuilder"));
        UpstreamCobalt.call(upstreamRow, "id", "9h");
        UpstreamCobalt.call(upstreamRow, "title", "09:00");
        assertThatThrownBy(() -> UpstreamCobalt.call(upstreamRow, "build")).as("nor build a row without description")
                .isInstanceOf(NullPointerException.class);

        var read = it.auties.whatsapp.model.button.base.ButtonSectionSpec.decode(section.toByteArray());
        assertThat(read.title()).isNull();
        assertThat(read.rows()).extracting(r -> r.id() + " " + r.title() + " " + r.description()).containsExactly("9h 09:00 null");
        assertThat(it.auties.whatsapp.model.button.base.ButtonSectionSpec.encode(read)).as("written back as WhatsApp wrote it")
                .isEqualTo(section.toByteArray());
    }

    @Test
    void anInteractiveMessagesCarouselIsReadAndWrittenWhereCobaltDropsIt() throws Exception {
        var body = new java.io.ByteArrayOutputStream();
        lengthDelimited(body, 1, "Planos".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var card = new java.io.ByteArrayOutputStream();
        lengthDelimited(card, 2, body.toByteArray());
        var carousel = new java.io.ByteArrayOutputStream();
        lengthDelimited(carousel, 1, card.toByteArray());
        lengthDelimited(carousel, 1, card.toByteArray());
        var interactive = new java.io.ByteArrayOutputStream();
        lengthDelimited(interactive, 2, body.toByteArray());
        lengthDelimited(interactive, 7, carousel.toByteArray());
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.message.button.InteractiveMessageSpec");
        var upstream = UpstreamCobalt.call(upstreamSpec, "decode", (Object) interactive.toByteArray());
        assertThat((byte[]) UpstreamCobalt.call(upstreamSpec, "encode", upstream))
                .as("Cobalt 0.0.10 reads a carousel without its cards, and writes it back without them")
                .isEqualTo(java.util.Arrays.copyOf(interactive.toByteArray(), body.size() + 2));

        var read = it.auties.whatsapp.model.message.button.InteractiveMessageSpec.decode(interactive.toByteArray());
        assertThat(read.carouselMessage()).contains(carousel.toByteArray());
        assertThat(it.auties.whatsapp.model.message.button.InteractiveMessageSpec.encode(read)).as("written back as WhatsApp wrote it")
                .isEqualTo(interactive.toByteArray());
    }

    @Test
    void anInteractiveHeaderWithoutTitleIsBuiltAndReadWhereCobaltsRefuseIt() throws Exception {
        var header = new java.io.ByteArrayOutputStream();
        header.write(new byte[]{0x28, 0x01}); // hasMediaAttachment (5): true
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.button.interactive.InteractiveHeaderSpec");
        assertThatThrownBy(() -> UpstreamCobalt.call(upstreamSpec, "decode", (Object) header.toByteArray()))
                .as("Cobalt 0.0.10 cannot read a header without title (a carousel card's)").isInstanceOf(NullPointerException.class)
                .hasMessageContaining("title");

        var read = it.auties.whatsapp.model.button.interactive.InteractiveHeaderSpec.decode(header.toByteArray());
        assertThat(read.title()).isNull();
        assertThat(read.mediaAttachment()).isTrue();
        assertThat(it.auties.whatsapp.model.button.interactive.InteractiveHeaderSpec.encode(read)).as("written back without a title")
                .isEqualTo(header.toByteArray());
    }

    @Test
    void aProductCardWithoutAnUploadedPictureIsBuiltAndReadWhereCobaltsRefuseIt() throws Exception {
        var snapshot = new java.io.ByteArrayOutputStream();
        lengthDelimited(snapshot, 2, "7002".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lengthDelimited(snapshot, 3, "Rolo de lã".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.product.ProductSpec");
        assertThatThrownBy(() -> UpstreamCobalt.call(upstreamSpec, "decode", (Object) snapshot.toByteArray()))
                .as("Cobalt 0.0.10 cannot read a product without a picture uploaded for it").isInstanceOf(NullPointerException.class)
                .hasMessageContaining("image");
        var upstreamProduct = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.model.product.ProductBuilder"));
        UpstreamCobalt.call(upstreamProduct, "id", "7002");
        UpstreamCobalt.call(upstreamProduct, "title", "Rolo de lã");
        assertThatThrownBy(() -> UpstreamCobalt.call(upstreamProduct, "build")).as("nor build one")
                .isInstanceOf(NullPointerException.class).hasMessageContaining("image");

        var built = new it.auties.whatsapp.model.product.ProductBuilder().id("7002").title("Rolo de lã").build();
        assertThat(built.image()).isEmpty();
        var read = it.auties.whatsapp.model.product.ProductSpec.decode(snapshot.toByteArray());
        assertThat(read.id() + " " + read.title().orElseThrow()).isEqualTo("7002 Rolo de lã");
        assertThat(read.image()).isEmpty();
        assertThat(it.auties.whatsapp.model.product.ProductSpec.decode(it.auties.whatsapp.model.product.ProductSpec.encode(built)))
                .isEqualTo(built);
    }

    @Test
    void anAcceptedOrderIsReadWithItsStatusWhereCobaltReadsNone() throws Exception {
        var accepted = order(2);
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec");
        var upstream = UpstreamCobalt.call(upstreamSpec, "decode", (Object) accepted);
        assertThat(UpstreamCobalt.call(upstream, "status")).as("Cobalt 0.0.10 reads an accepted order without its status").isNull();
        var upstreamCopy = it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec.decode(
                (byte[]) UpstreamCobalt.call(upstreamSpec, "encode", upstream));
        assertThat(upstreamCopy.status()).as("and writes it back without it").isNull();
        assertThat(upstreamCopy.orderRequestMessageId()).as("nor the order request it answers").isEmpty();

        var read = it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec.decode(accepted);
        assertThat(read.status()).isEqualTo(it.auties.whatsapp.model.message.payment.PaymentOrderMessage.Status.ACCEPTED);
        assertThat(read.itemCount() + " " + read.token() + " " + read.messageVersion()).isEqualTo("3 token 1");
        assertThat(read.orderRequestMessageId().orElseThrow().id()).isEqualTo("3EB0C0FFEE");
        assertThat(it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec.decode(order(3)).status())
                .isEqualTo(it.auties.whatsapp.model.message.payment.PaymentOrderMessage.Status.DECLINED);
        var copy = it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec.decode(
                it.auties.whatsapp.model.message.payment.PaymentOrderMessageSpec.encode(read));
        assertThat(copy.status() + " " + copy.messageVersion() + " " + copy.orderRequestMessageId().orElseThrow().id())
                .as("written back with its status, version and request").isEqualTo("ACCEPTED 1 3EB0C0FFEE");
    }

    /** WhatsApp's {@code OrderMessage} with {@code status}, answering an order request. */
    private static byte[] order(int status) {
        var requestKey = new java.io.ByteArrayOutputStream();
        lengthDelimited(requestKey, 3, "3EB0C0FFEE".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var order = new java.io.ByteArrayOutputStream();
        lengthDelimited(order, 1, "1000000000001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        order.writeBytes(new byte[]{0x18, 0x03, 0x20, (byte) status, 0x28, 0x01}); // itemCount (3), status (4), surface (5)
        lengthDelimited(order, 9, "token".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        order.writeBytes(new byte[]{0x60, 0x01}); // messageVersion (12): 1
        lengthDelimited(order, 13, requestKey.toByteArray());
        return order.toByteArray();
    }

    @Test
    void deviceContextInfoKeepsTheMessageSecretWhereWhatsAppPutsIt() throws Exception {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 9);
        var written = new java.io.ByteArrayOutputStream();
        lengthDelimited(written, 3, secret);
        var upstreamSpec = UpstreamCobalt.load("it.auties.whatsapp.model.info.DeviceContextInfoSpec");
        var upstream = UpstreamCobalt.call(upstreamSpec, "decode", (Object) written.toByteArray());

        assertThat((java.util.Optional<?>) UpstreamCobalt.call(upstream, "messageSecret"))
                .as("Cobalt 0.0.10 reads a received secret as padding").isEmpty();
        assertThat(((java.util.Optional<?>) UpstreamCobalt.call(upstream, "paddingBytes")).orElseThrow()).isEqualTo(secret);
        var upstreamBuilder = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.model.info.DeviceContextInfoBuilder"));
        UpstreamCobalt.call(upstreamBuilder, "messageSecret", (Object) secret);
        var upstreamSent = it.auties.whatsapp.model.info.DeviceContextInfoSpec.decode(
                (byte[]) UpstreamCobalt.call(upstreamSpec, "encode", UpstreamCobalt.call(upstreamBuilder, "build")));
        assertThat(upstreamSent.messageSecret()).as("and sends a secret given to its builder as padding").isEmpty();
        assertThat(upstreamSent.paddingBytes()).contains(secret);

        assertThat(it.auties.whatsapp.model.info.DeviceContextInfoSpec.decode(written.toByteArray()).messageSecret())
                .contains(secret);
        var sent = it.auties.whatsapp.model.info.DeviceContextInfoSpec.decode(it.auties.whatsapp.model.info.DeviceContextInfoSpec
                .encode(new DeviceContextInfoBuilder().messageSecret(secret).build()));
        assertThat(sent.messageSecret()).contains(secret);
        assertThat(sent.paddingBytes()).isEmpty();
        var association = new byte[]{0x08, 0x01};
        var withAssociation = new java.io.ByteArrayOutputStream();
        lengthDelimited(withAssociation, 10, association);
        assertThat(it.auties.whatsapp.model.info.DeviceContextInfoSpec.decode(withAssociation.toByteArray())
                .messageAssociation()).contains(association);
    }

    @Test
    void socketRequestLetsTheClientsWriteLockReplaceWhatCobaltSends() throws Exception {
        var upstreamRequest = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.socket.SocketRequest"),
                "1", "an acknowledgement", new CompletableFuture<>(), null);
        assertThat(UpstreamCobalt.load("it.auties.whatsapp.socket.SocketRequest").isRecord())
                .as("Cobalt 0.0.10 sends at once what it built: a record, nothing can hold or replace it").isTrue();
        assertThat(UpstreamCobalt.call(upstreamRequest, "body")).isEqualTo("an acknowledgement");

        var lock = new OutgoingNodes(body -> "in its place");
        var request = new SocketRequest("1", "an acknowledgement", new CompletableFuture<>(), null);
        lock.acquire();

        assertThat(request.body()).isEqualTo("in its place");
        lock.release();
        assertThat(lock.availablePermits()).isOne();
    }

    @Test
    void aSendTheHoldRefusesTakesNoPermitAndCobaltsReleaseGivesNoneBack() {
        var lock = new OutgoingNodes(body -> {
            throw new IllegalStateException("withheld");
        });
        new SocketRequest("1", "a delivery receipt", new CompletableFuture<>(), null);

        assertThatThrownBy(lock::acquire).hasMessage("withheld");
        lock.release();

        assertThat(lock.availablePermits()).as("Cobalt's failure path released what it never got").isOne();
    }

    @Test
    void senderKeyMessageIsSignedWithTheSenderKey() throws Exception {
        byte[] signingKey = Curve25519.randomPrivateKey();
        byte[] cipherText = new byte[48];
        var upstream = UpstreamCobalt.create(UpstreamCobalt.load("it.auties.whatsapp.model.signal.message.SenderKeyMessage"),
                3, 7, 0, cipherText, signingKey);

        assertThatThrownBy(() -> UpstreamCobalt.call(upstream, "serialized"))
                .as("Cobalt 0.0.10 takes the signing key and signs nothing: every group message it sends fails")
                .isInstanceOf(InternalError.class);
        byte[] serialized = new SenderKeyMessage(3, 7, 0, cipherText, signingKey).serialized();

        assertThat(SenderKeyMessage.ofSerialized(serialized).cipherText()).isEqualTo(cipherText);
        byte[] signed = Arrays.copyOf(serialized, serialized.length - 64);
        byte[] signature = Arrays.copyOfRange(serialized, serialized.length - 64, serialized.length);
        assertThat(Curve25519.verifySignature(Curve25519.getPublicKey(signingKey), signed, signature)).isTrue();
    }

    @Test
    void mediasLoadsWithoutAsposeWhereCobaltsCannot() throws Exception {
        assertThatThrownBy(() -> UpstreamCobalt.load("it.auties.whatsapp.util.Medias"))
                .as("Cobalt 0.0.10's media class needs Aspose, which is not on Maven Central")
                .isInstanceOf(NoClassDefFoundError.class).hasMessageContaining("aspose");
        assertThat(Class.forName("it.auties.whatsapp.util.Medias").getProtectionDomain().getCodeSource().getLocation().toString())
                .doesNotContain("cobalt-0.0.10");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }
}
