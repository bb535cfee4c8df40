package io.kubezap.contract;

import io.kubezap.contract.testing.PathSpellings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 79 S2: the one reading of a path below a session, which the gateway judges by and the pod serves by. */
class SessionPathTest {

    @Test
    void everySpellingOfTheRootThatThePodServedIsTheRoot() {
        for (String spelling : PathSpellings.ROOT) {
            assertThat(SessionPath.of(spelling).isRoot()).as(spelling).isTrue();
            assertThat(SessionPath.isPlain(spelling)).as(spelling).isFalse();
        }
    }

    @Test
    void paramsDotsEmptySegmentsAndEncodedLettersAreReadAway() {
        assertThat(SessionPath.of("qr;x").segments()).containsExactly("qr");
        assertThat(SessionPath.of("%71r").segments()).containsExactly("qr");
        assertThat(SessionPath.of("messages/%2e%2e/qr").segments()).containsExactly("qr");
        assertThat(SessionPath.of("x;y/..//./QR/").first()).isEqualTo("qr");
        assertThat(SessionPath.of("chats/5511977770001%40s.whatsapp.net/messages").segments())
                .containsExactly("chats", "5511977770001@s.whatsapp.net", "messages");
    }

    @Test
    void whatServersReadApartIsRefused() {
        for (String spelling : List.of("..", "x/../..", "%2e%2e/qr", "a%2fb", "a%2Fb", "qr%3bx", "a%5cb", "%252e", "qr%00",
                "qr%0a", "%zz", "qr%", "%c3")) {
            assertThatThrownBy(() -> SessionPath.of(spelling)).as(spelling).isInstanceOf(SessionPath.Refused.class);
            assertThat(SessionPath.isPlain(spelling)).as(spelling).isFalse();
        }
        assertThat(new SessionPath.Refused("why").problem().status()).isEqualTo(400);
    }

    @Test
    void onlyThePlainSpellingIsPlain() {
        assertThat(List.of("", "qr", "chats/5511977770001%40s.whatsapp.net/messages", "chats/5511977770001@s.whatsapp.net",
                "%71r", "QR")).allMatch(SessionPath::isPlain);
        assertThat(List.of("qr/", "a//b", "/qr", "./qr", "qr;x", "x/../qr", "%2e/qr")).noneMatch(SessionPath::isPlain);
    }

    @Test
    void aSegmentIsEncodedWholeAndUnreservedCharactersStay() {
        assertThat(SessionPath.encodeSegment("5511@s.whatsapp.net")).isEqualTo("5511%40s.whatsapp.net");
        assertThat(SessionPath.encodeSegment("a b/ç;%~")).isEqualTo("a%20b%2F%C3%A7%3B%25~");
    }

    /** What the gateway forwards ({@code encoded()}) is plain, so the pod serves it, and reads as what was judged. */
    @Test
    void theEncodedSpellingOfEveryReadableSpellingIsPlainAndReadsTheSame() {
        int readable = 0;
        for (String spelling : PathSpellings.generated(79, 2_000)) {
            SessionPath read;
            try {
                read = SessionPath.of(spelling);
            } catch (SessionPath.Refused refused) {
                assertThat(SessionPath.isPlain(spelling)).as(spelling).isFalse();
                continue;
            }
            readable++;
            assertThat(SessionPath.isPlain(read.encoded())).as(spelling).isTrue();
            assertThat(SessionPath.of(read.encoded())).as(spelling).isEqualTo(read);
        }
        assertThat(readable).as("spellings that are read, not refused").isGreaterThan(500);
    }
}
