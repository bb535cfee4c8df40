package io.kubezap.simulator.phone;

import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.content.MessageKey;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneHdOriginalsTest {

    private static final Jid ANA = Jid.of("5511988880001@s.whatsapp.net");
    private static final Jid BRUNO = Jid.of("5511988880002@s.whatsapp.net");
    private static final Jid GROUP = Jid.of("120363000000000001@g.us");
    private static final Jid PHONE = Jid.of("5511999990001@s.whatsapp.net");
    private static final ReceivedMedia DOWNLOADED = new ReceivedMedia(io.kubezap.simulator.media.MediaType.IMAGE, "image/jpeg",
            null, 5, null, 4000, 3000, new byte[5], null);

    private final Map<String, PhoneMessage> shown = new HashMap<>();

    @Test
    void anOriginalNamingItsSendersPhotoInItsChatShowsThatPhotoInHd() {
        PhoneMessage photo = keep("PHOTO", ANA, ANA, photo());

        assertThat(arrives(ANA, ANA, original(photo(), "PHOTO", true, false))).as("grouped, not a message of its own").isTrue();

        assertThat(photo.hd()).isTrue();
        assertThat(photo.hdOriginal()).isSameAs(DOWNLOADED);
        assertThat(photo.hdProblems()).isEmpty();
    }

    @Test
    void aPhotosOriginalAssociatedAsAVideosIsAProblemOfThePair() {
        PhoneMessage photo = keep("PHOTO", ANA, ANA, photo());

        assertThat(arrives(ANA, ANA, original(photo(), "PHOTO", true, true))).isTrue();

        assertThat(photo.hdProblems()).containsExactly("a photo's original associated as HD_VIDEO_DUAL_UPLOAD");
    }

    @Test
    void anOriginalSmallerThanItsStandardCopyIsAProblemOfThePair() {
        PhoneMessage photo = keep("PHOTO", ANA, ANA, sizedPhoto(1600, 1200));

        assertThat(arrives(ANA, ANA, original(sizedPhoto(800, 600), "PHOTO", true, false))).isTrue();

        assertThat(photo.hdProblems()).containsExactly("the original (800 px) is smaller than its standard copy (1600 px)");
    }

    @Test
    void anOriginalLargerThanItsStandardCopyHasNoProblem() {
        PhoneMessage photo = keep("PHOTO", ANA, ANA, sizedPhoto(1600, 1200));

        assertThat(arrives(ANA, ANA, original(sizedPhoto(4000, 3000), "PHOTO", true, false))).isTrue();

        assertThat(photo.hdProblems()).isEmpty();
    }

    @Test
    void aVideosOriginalShowsItsVideoInHd() {
        PhoneMessage video = keep("VIDEO", ANA, ANA, video());

        assertThat(arrives(ANA, ANA, original(video(), "VIDEO", true, true))).isTrue();
        assertThat(video.hd()).isTrue();
    }

    @Test
    void anOriginalOfAMessageThePhoneHasNotOrOfAnotherSenderChatOrKindStaysOnItsOwn() {
        PhoneMessage photo = keep("PHOTO", ANA, ANA, photo());
        keep("TEXT", ANA, ANA, new ProtobufWriter().string(1, "oi").toByteArray());

        assertThat(arrives(ANA, ANA, original(photo(), "NO-SUCH-PHOTO", true, false))).isFalse();
        assertThat(arrives(BRUNO, BRUNO, original(photo(), "PHOTO", true, false))).as("another sender").isFalse();
        assertThat(arrives(GROUP, ANA, original(photo(), "PHOTO", true, false))).as("another chat").isFalse();
        assertThat(arrives(ANA, ANA, original(photo(), "PHOTO", false, false))).as("not its sender's own").isFalse();
        assertThat(arrives(ANA, ANA, original(video(), "PHOTO", true, true))).as("a video for a photo").isFalse();
        assertThat(arrives(ANA, ANA, original(photo(), "TEXT", true, false))).as("a text has no original").isFalse();
        assertThat(arrives(ANA, ANA, MessageContents.inAlbum(photo(), new MessageKey(PHONE.toString(), true, "PHOTO", null), 0,
                new byte[32]))).as("another association").isFalse();

        assertThat(photo.hd()).isFalse();
    }

    @Test
    void anOriginalAPhoneDoesNotGroupIsShownAsThePhotoItHolds() {
        assertThat(MessageContents.parse(original(photo(), "PHOTO", true, false)).content().type()).isEqualTo("image");
    }

    private PhoneMessage keep(String id, Jid chat, Jid author, byte[] message) {
        PhoneMessage kept = new PhoneMessage(id, false, chat, author, MessageContents.parse(message).content(), null, Instant.EPOCH,
                null, Set.of());
        shown.put(id, kept);
        return kept;
    }

    private boolean arrives(Jid chat, Jid author, byte[] message) {
        return PhoneHdOriginals.grouped(chat, author, message, MessageContents.parse(message).content(), shown::get, () -> DOWNLOADED);
    }

    /** The original as its sender names the standard copy: the key of the sender's own message in the chat with the phone. */
    private static byte[] original(byte[] media, String standardId, boolean fromMe, boolean video) {
        return MessageContents.hdOriginal(media, new MessageKey(PHONE.toString(), fromMe, standardId, null), video, new byte[32]);
    }

    private static byte[] photo() {
        return new ProtobufWriter().message(3, new ProtobufWriter().string(2, "image/jpeg")).toByteArray();
    }

    /** A photo declaring its size, as the apps do (imageMessage's height 6 and width 7). */
    private static byte[] sizedPhoto(int width, int height) {
        return new ProtobufWriter().message(3, new ProtobufWriter().string(2, "image/jpeg").uint32(6, height).uint32(7, width))
                .toByteArray();
    }

    private static byte[] video() {
        return new ProtobufWriter().message(9, new ProtobufWriter().string(2, "video/mp4")).toByteArray();
    }
}
