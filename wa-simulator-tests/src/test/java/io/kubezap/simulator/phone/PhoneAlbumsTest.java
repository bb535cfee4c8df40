package io.kubezap.simulator.phone;

import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.content.MessageKey;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneAlbumsTest {

    private static final Jid ANA = Jid.of("5511988880001@s.whatsapp.net");
    private static final Jid BRUNO = Jid.of("5511988880002@s.whatsapp.net");
    private static final Jid GROUP = Jid.of("120363000000000001@g.us");
    private static final Jid PHONE = Jid.of("5511999990001@s.whatsapp.net");

    private final PhoneAlbums albums = new PhoneAlbums();

    @Test
    void filesNamingAnAlbumOfTheirSenderInTheirChatAreShownInItInOrder() {
        receive("ALBUM", ANA, ANA, MessageContents.album(1, 1));
        receive("PHOTO", ANA, ANA, item(photo(), "ALBUM", true, 0));
        receive("VIDEO", ANA, ANA, item(video(), "ALBUM", true, 1));

        assertThat(albums.all()).containsExactly(new PhoneAlbums.Album("ALBUM", ANA.toString(), ANA.toString(), 1, 1,
                List.of("PHOTO", "VIDEO"), List.of()));
    }

    @Test
    void anAlbumStillArrivingHasNoProblem() {
        receive("ALBUM", ANA, ANA, MessageContents.album(2, 1));
        receive("PHOTO", ANA, ANA, item(photo(), "ALBUM", true, 0));

        assertThat(albums.all()).singleElement().extracting(PhoneAlbums.Album::problems).isEqualTo(List.of());
    }

    @Test
    void moreFilesOfAKindThanTheAlbumExpectsIsAProblem() {
        receive("ALBUM", ANA, ANA, MessageContents.album(1, 0));
        receive("PHOTO-1", ANA, ANA, item(photo(), "ALBUM", true, 0));
        receive("PHOTO-2", ANA, ANA, item(photo(), "ALBUM", true, 1));
        receive("VIDEO", ANA, ANA, item(video(), "ALBUM", true, 2));

        assertThat(albums.all()).singleElement().extracting(PhoneAlbums.Album::problems).isEqualTo(List.of(
                "2 photos name an album expecting 1", "1 videos name an album expecting 0"));
    }

    @Test
    void anAlbumExpectingNoFileIsAProblem() {
        receive("ALBUM", ANA, ANA, MessageContents.album(0, 0));

        assertThat(albums.all()).singleElement().extracting(PhoneAlbums.Album::problems)
                .isEqualTo(List.of("an album expecting no photo or video"));
    }

    @Test
    void aFileJoinsNoAlbumItsPhoneDoesNotHaveOrThatAnotherSenderOrChatSent() {
        receive("ALBUM", ANA, ANA, MessageContents.album(2, 0));
        receive("UNKNOWN", ANA, ANA, item(photo(), "NO-SUCH-ALBUM", true, 0));
        receive("OTHER-SENDER", BRUNO, BRUNO, item(photo(), "ALBUM", true, 0));
        receive("OTHER-CHAT", GROUP, ANA, item(photo(), "ALBUM", true, 0));
        receive("NOT-ITS-OWN", ANA, ANA, item(photo(), "ALBUM", false, 0));
        receive("PLAIN", ANA, ANA, photo());

        assertThat(albums.all()).singleElement().extracting(PhoneAlbums.Album::items).isEqualTo(List.of());
    }

    @Test
    void aFileThatArrivesBeforeItsAlbumMessageStaysOnItsOwn() {
        receive("EARLY", ANA, ANA, item(photo(), "ALBUM", true, 0));
        receive("ALBUM", ANA, ANA, MessageContents.album(2, 0));
        receive("LATER", ANA, ANA, item(photo(), "ALBUM", true, 1));

        assertThat(albums.all()).singleElement().extracting(PhoneAlbums.Album::items).isEqualTo(List.of("LATER"));
    }

    private void receive(String id, Jid chat, Jid author, byte[] message) {
        albums.received(id, chat, author, MessageContents.parse(message).content(), message);
    }

    /** A file of the album {@code albumId} as its sender names it: the key of the sender's own message in the chat with the phone. */
    private static byte[] item(byte[] media, String albumId, boolean fromMe, int index) {
        return MessageContents.inAlbum(media, new MessageKey(PHONE.toString(), fromMe, albumId, null), index, new byte[32]);
    }

    private static byte[] photo() {
        return new ProtobufWriter().message(3, new ProtobufWriter().string(2, "image/jpeg")).toByteArray();
    }

    private static byte[] video() {
        return new ProtobufWriter().message(9, new ProtobufWriter().string(2, "video/mp4")).toByteArray();
    }
}
