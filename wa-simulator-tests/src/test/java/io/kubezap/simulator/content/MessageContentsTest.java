package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageContentsTest {

    private static final MessageKey TARGET = new MessageKey("5511988880000@s.whatsapp.net", true, "3EB0AA", null);

    @Test
    void anAlbumSaysItsCountsAndItsItemsNameItWithTheirIndex() {
        assertThat(MessageContents.parse(MessageContents.album(2, 1)).content()).isEqualTo(new Content.Album(2, 1));

        var secret = new byte[32];
        secret[0] = 9;
        var photo = new ProtobufWriter().message(3, new ProtobufWriter().string(2, "image/jpeg")).toByteArray();
        var item = MessageContents.inAlbum(photo, TARGET, 1, secret);
        assertThat(MessageContents.albumItem(item)).contains(new Content.AlbumItem(TARGET, 1));
        assertThat(MessageContents.parse(item).messageSecret()).isEqualTo(secret);
        assertThat(MessageContents.albumItem(MessageContents.deviceSent("5511988880000@s.whatsapp.net", item)))
                .as("the copy for the sender's own devices names the album too").contains(new Content.AlbumItem(TARGET, 1));
        assertThat(MessageContents.albumItem(photo)).isEmpty();
    }

    @Test
    void anOrderCarriesTheStatusItWasWrittenWith() {
        var placed = new Content.Order("1000000000001", 3, "Entregar à tarde", "Pedido 1000000000001", "5511999990070@s.whatsapp.net",
                "dG9rZW4=", 804_300_000L, "BRL", "inquiry");

        assertThat(MessageContents.parse(BusinessMessages.order(placed)).content()).isEqualTo(placed);
        assertThat(MessageContents.parse(BusinessMessages.order(placed.withStatus("accepted"))).content())
                .isEqualTo(placed.withStatus("accepted"));
        assertThat(MessageContents.parse(BusinessMessages.order(placed.withStatus("declined"))).content())
                .isEqualTo(placed.withStatus("declined"));
        assertThatThrownBy(() -> BusinessMessages.order(placed.withStatus("shipped"))).as("no OrderStatus of WhatsApp's")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLocationKeepsItsCoordinatesToTheLastBit() {
        var parsed = MessageContents.parse(MessageContents.location(-23.550520, -46.633308, "Sé", "Praça da Sé"));

        assertThat(parsed.content()).isEqualTo(new Content.Location(-23.550520, -46.633308, "Sé", "Praça da Sé"));
    }

    @Test
    void oneCardIsAContactMessageAndSeveralAnArray() {
        var ana = new Content.Card("Ana", "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n");
        var bruno = new Content.Card("Bruno", "BEGIN:VCARD\r\nFN:Bruno\r\nEND:VCARD\r\n");

        assertThat(MessageContents.parse(MessageContents.contacts(List.of(ana))).content()).isEqualTo(new Content.Contacts(List.of(ana)));
        assertThat(MessageContents.parse(MessageContents.contacts(List.of(ana, bruno))).content())
                .isEqualTo(new Content.Contacts(List.of(ana, bruno)));
    }

    @Test
    void aPollCarriesItsOptionsAndTheSecretItsVotesUse() {
        var secret = new byte[32];
        secret[0] = 7;
        var parsed = MessageContents.parse(MessageContents.poll("Sabor?", List.of("A", "B", "C"), 2, secret));

        assertThat(parsed.content()).isEqualTo(new Content.Poll("Sabor?", List.of("A", "B", "C"), 2));
        assertThat(parsed.messageSecret()).isEqualTo(secret);
    }

    @Test
    void updatesNameTheirTarget() {
        assertThat(MessageContents.parse(MessageContents.reaction(TARGET, "👍", 42)).content())
                .isEqualTo(new Content.Reaction(TARGET, "👍", 42));
        assertThat(MessageContents.parse(MessageContents.edit(TARGET, "novo", 43)).content())
                .isEqualTo(new Content.Edit(TARGET, "novo", 43));
        assertThat(MessageContents.parse(MessageContents.revoke(TARGET)).content()).isEqualTo(new Content.Revoke(TARGET));
        assertThat(MessageContents.parse(MessageContents.revoke(TARGET)).content().isUpdate()).isTrue();
    }

    @Test
    void aDisappearingSettingIsReadPlainOrWrappedAsClientsSendIt() {
        byte[] plain = MessageContents.disappearingSetting(604_800);
        // Baileys wraps it in ephemeralMessage (field 40, FutureProofMessage.message)
        byte[] wrapped = new ProtobufWriter().message(40, new ProtobufWriter().bytes(1, plain)).toByteArray();

        assertThat(MessageContents.parse(plain).content()).isEqualTo(new Content.DisappearingSetting(604_800));
        assertThat(MessageContents.parse(wrapped).content()).isEqualTo(new Content.DisappearingSetting(604_800));
        assertThat(MessageContents.parse(MessageContents.disappearingSetting(0)).content()).isEqualTo(new Content.DisappearingSetting(0));
        assertThat(new Content.DisappearingSetting(0).isUpdate()).as("applied to the chat, not listed as a message").isTrue();
    }

    @Test
    void aMessagesExpirationIsItsContextsWhereverTheMessageSitsInside() {
        var context = new ProtobufWriter().uint32(25, 86_400);
        byte[] text = new ProtobufWriter().message(6, new ProtobufWriter().string(1, "some").message(17, context)).toByteArray();
        byte[] wrapped = new ProtobufWriter().message(40, new ProtobufWriter().bytes(1, text)).toByteArray();

        assertThat(MessageContents.expiration(text)).isEqualTo(86_400);
        assertThat(MessageContents.expiration(wrapped)).isEqualTo(86_400);
        assertThat(MessageContents.expiration(MessageContents.deviceSent("5511988880000@s.whatsapp.net", text))).isEqualTo(86_400);
        assertThat(MessageContents.parse(wrapped).content()).isEqualTo(new Content.Text("some", null));
        assertThat(MessageContents.expiration(MessageContents.location(1, 2, null, null))).isZero();
    }

    @Test
    void aCopyForTheSendersOwnDevicesNamesTheChat() {
        var copy = MessageContents.deviceSent("5511988880000@s.whatsapp.net", MessageContents.location(1, 2, null, null));
        var parsed = MessageContents.parse(copy);

        assertThat(parsed.destinationJid()).isEqualTo("5511988880000@s.whatsapp.net");
        assertThat(parsed.content()).isEqualTo(new Content.Location(1, 2, null, null));
    }

    @Test
    void aVoteOpensOnlyForThePollAndVoterItWasSealedFor() {
        var secret = new byte[32];
        secret[5] = 1;
        var options = List.of("Manhã", "Tarde", "Noite");
        var sealed = PollVoteCipher.seal(secret, "3EB0POLL", "111@s.whatsapp.net", "222@s.whatsapp.net", List.of("Tarde", "Noite"));

        assertThat(PollVoteCipher.open(secret, "3EB0POLL", "111@s.whatsapp.net", "222@s.whatsapp.net", sealed.payload(), sealed.iv(), options))
                .containsExactly("Tarde", "Noite");
        assertThatThrownBy(() -> PollVoteCipher.open(secret, "3EB0POLL", "111@s.whatsapp.net", "333@s.whatsapp.net",
                sealed.payload(), sealed.iv(), options)).isInstanceOf(IllegalArgumentException.class);
        var vote = MessageContents.parse(MessageContents.vote(TARGET, sealed, 44)).content();
        assertThat(vote).isInstanceOf(Content.PollVote.class);
        assertThat(((Content.PollVote) vote).encPayload()).isEqualTo(sealed.payload());
    }
}
