package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.Needs;
import io.kubezap.session.testing.SampleMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Albums sent while the pod is killed (SIGKILL) again and again ({@link SendsAcrossKills}): a caller sends an album of two
 * photos at a time, each with its idempotency key, asked again until the pod answers 202. In the end the customer's
 * phone shows every album the pod accepted once, holding its two photos in order, and no photo twice. On both engines;
 * {@code -Dalbum-crash.kills=N} (default 6).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbumCrashIT {

    private static final String OWNER = "5511999990072";
    private static final String CUSTOMER = "5511988880072";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";

    private final int killCount = Integer.getInteger("album-crash.kills", 6);
    @Parameter
    EngineKind engine;
    private SendsAcrossKills scenario;
    private PodAgainstSimulator world;
    private ChatRows rows;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        // the photos are made by FFmpeg (SampleMedia), on the sender's thread, where a missing tool would only stall it
        Needs.command("ffmpeg", "ffmpeg");
        scenario = SendsAcrossKills.onALinkedSession(engine, "AlbumCrashIT", "albuns-72", OWNER, CUSTOMER);
        world = scenario.world();
        rows = new ChatRows(world, CHAT);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    void everyAcceptedAlbumIsOnThePhoneOnceWithItsPhotosInOrderAcrossKills() throws Exception {
        Map<Integer, String> accepted = scenario.sendWhileKilling(killCount, this::albumsSent, this::sendAlbum, sent -> {
            Map<String, List<String>> atPhone = albumsAtPhone();
            return sent.values().stream().allMatch(id -> atPhone.getOrDefault(id, List.of()).size() == 2);
        });
        Map<String, List<String>> albums = albumsAtPhone();
        Map<String, Long> captions = captionsAtPhone();
        var lost = accepted.entrySet().stream().filter(album -> !albums.containsKey(album.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
        var incomplete = accepted.entrySet().stream().filter(album -> albums.containsKey(album.getValue())
                        && albums.get(album.getValue()).size() != 2).map(Map.Entry::getKey).sorted().toList();
        var duplicated = captions.entrySet().stream().filter(caption -> caption.getValue() > 1).map(Map.Entry::getKey).toList();
        var outOfOrder = accepted.entrySet().stream().filter(album -> !inOrder(album.getKey(), album.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
        System.out.printf("AlbumCrashIT on %s: %d kills, %d albums accepted, %d on the phone, %d lost %s, %d incomplete %s, "
                        + "%d photos twice %s, %d out of order %s%n", engine, killCount, accepted.size(), albums.size(), lost.size(), lost,
                incomplete.size(), incomplete, duplicated.size(), duplicated, outOfOrder.size(), outOfOrder);
        assertThat(accepted).as("albums the pod accepted").isNotEmpty();
        assertThat(lost).as("albums accepted that never reached the phone").isEmpty();
        assertThat(incomplete).as("albums the phone shows without both photos").isEmpty();
        assertThat(duplicated).as("photos the phone got more than once").isEmpty();
        assertThat(outOfOrder).as("albums whose photos the phone shows out of order").isEmpty();
    }

    /** Album {@code n}, of two photos; its WhatsApp id once the pod answered 202. */
    private String sendAlbum(int n, String idempotencyKey) {
        var request = Map.of("chatId", CUSTOMER, "items", List.of(photo(n, 1), photo(n, 2)));
        return world.api().header("Idempotency-Key", idempotencyKey).body(request).post("/albums")
                .then().statusCode(202).extract().path("album.waMessageId");
    }

    private static Map<String, Object> photo(int album, int index) {
        return Map.of("type", "image", "caption", caption(album, index), "media", Map.of(
                "data", Base64.getEncoder().encodeToString(SampleMedia.jpeg(16 + index, 16)), "mimeType", "image/jpeg"));
    }

    private static String caption(int album, int index) {
        return "Álbum %05d / %d".formatted(album, index);
    }

    private int albumsSent() throws Exception {
        return rows.count("select count(*) from messages where direction = 'out' and chat_jid = ? and type = 'album' "
                + "and status in ('sent', 'delivered', 'read')");
    }

    /** The customer's phone's albums from the account: album id to its photos' ids, in the phone's order. */
    private Map<String, List<String>> albumsAtPhone() {
        List<Map<String, Object>> albums = world.control().get("/api/phones/" + CUSTOMER + "/albums").jsonPath().getList("$");
        return albums.stream().collect(Collectors.toMap(album -> String.valueOf(album.get("id")),
                album -> ((List<?>) album.get("items")).stream().map(String::valueOf).toList(), (a, b) -> a));
    }

    /** How often each photo's caption is in the customer's chat with the account. */
    private Map<String, Long> captionsAtPhone() {
        return phoneMessages().stream().filter(message -> message.get("caption") != null)
                .map(message -> String.valueOf(message.get("caption")))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Whether the phone's album {@code waId} holds album {@code n}'s first photo, then its second. */
    private boolean inOrder(int n, String waId) {
        List<String> items = albumsAtPhone().getOrDefault(waId, List.of());
        Map<String, String> captionById = new java.util.HashMap<>();
        phoneMessages().forEach(message -> captionById.put(String.valueOf(message.get("id")), String.valueOf(message.get("caption"))));
        List<String> shown = new ArrayList<>();
        items.forEach(id -> shown.add(captionById.get(id)));
        return shown.equals(List.of(caption(n, 1), caption(n, 2)));
    }

    private List<Map<String, Object>> phoneMessages() {
        List<Map<String, Object>> inbox = world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().getList("$");
        return inbox.stream().filter(message -> String.valueOf(message.get("from")).startsWith(OWNER)).toList();
    }
}
