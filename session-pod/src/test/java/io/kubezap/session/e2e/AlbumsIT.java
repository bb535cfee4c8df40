package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleMedia;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Albums: photos and videos sent as one album, as WhatsApp's apps group them (the {@code albumMessage} saying how many
 * images and videos follow, then each file associated to it), between the packaged pod and simulated phones. An album
 * from a phone: the API shows the album's first message as type {@code album} with its counts, each item naming it
 * ({@code albumId}), and {@code GET /messages/{id}} of the album lists its items. An album sent with {@code POST /albums}:
 * the phone shows one album holding its files, in order. On both engines (Cobalt through the messages
 * {@code cobalt-patches} adds to its model).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbumsIT {

    private static final String OWNER = "5511999990071";
    private static final String CUSTOMER = "5511988880071";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "albums-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "albuns-71", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void anAlbumFromAPhoneIsShownAsOneAlbumWithItsItems() {
        JsonPath sent = world.control().body(Map.of("to", OWNER, "items", List.of(
                        item("image", SampleMedia.jpeg(64, 48), "image/jpeg", "Frente"),
                        item("image", SampleMedia.jpeg(48, 64), "image/jpeg", "Verso"),
                        item("video", SampleMedia.mp4(64, 48, 1), "video/mp4", null))))
                .post("/api/phones/" + CUSTOMER + "/albums").then().statusCode(202).extract().jsonPath();
        String albumWaId = sent.getString("id");
        List<String> itemWaIds = sent.getList("items");

        Map<String, Object> album = world.awaitIncoming(albumWaId);
        assertThat(album.get("type")).isEqualTo("album");
        assertThat(album.get("album")).isEqualTo(Map.of("expectedImageCount", 2, "expectedVideoCount", 1));
        for (String itemWaId : itemWaIds) {
            assertThat(world.awaitIncoming(itemWaId).get("albumId")).as("item %s names its album", itemWaId).isEqualTo(albumWaId);
        }

        JsonPath shown = world.api().get("/messages/" + album.get("id")).then().statusCode(200).extract().jsonPath();
        assertThat(shown.getList("albumItems.waMessageId")).containsExactlyElementsOf(itemWaIds);
        assertThat(shown.getList("albumItems.type")).containsExactly("image", "image", "video");
        assertThat(shown.getList("albumItems.text")).containsExactly("Frente", "Verso", null);
    }

    @Test
    void anAlbumSentThroughTheApiIsOneAlbumOnThePhoneHoldingItsFilesInOrder() {
        Map<String, Object> request = Map.of("chatId", CUSTOMER, "items", List.of(
                item("image", SampleMedia.jpeg(64, 48), "image/jpeg", "Sala"),
                item("video", SampleMedia.mp4(64, 48, 1), "video/mp4", "Cozinha"),
                item("image", SampleMedia.jpeg(48, 64), "image/jpeg", null)));
        JsonPath accepted = world.api().header("Idempotency-Key", "album-sala").body(request).post("/albums")
                .then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getString("album.type")).isEqualTo("album");
        assertThat(accepted.getMap("album.album")).isEqualTo(Map.of("expectedImageCount", 2, "expectedVideoCount", 1));
        String albumWaId = accepted.getString("album.waMessageId");
        assertThat(albumWaId).as("the album's WhatsApp id is fixed when it is accepted").isNotBlank();
        assertThat(accepted.getList("items.albumId")).containsOnly(albumWaId).hasSize(3);
        assertThat(accepted.getList("items.type")).containsExactly("image", "video", "image");

        assertThat(world.awaitSent(accepted.getString("album.id"))).isEqualTo(albumWaId);
        List<String> itemWaIds = accepted.getList("items.id", String.class).stream().map(world::awaitSent).toList();
        Map<String, Object> shown = awaitAlbumAtPhone(albumWaId, itemWaIds.size());
        assertThat(shown).containsEntry("expectedImageCount", 2).containsEntry("expectedVideoCount", 1)
                .containsEntry("items", itemWaIds).as("the app's checks of the album's shape").containsEntry("problems", List.of());
        assertThat(world.awaitAtPhone(CUSTOMER, itemWaIds.get(1))).containsEntry("caption", "Cozinha");

        world.api().header("Idempotency-Key", "album-sala").body(request).post("/albums").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("album.id", equalTo(accepted.getString("album.id")))
                .body("items.id", equalTo(accepted.getList("items.id")));
        world.api().get("/messages/" + accepted.getString("album.id")).then().statusCode(200)
                .body("albumItems.waMessageId", equalTo(itemWaIds));
    }

    @Test
    void anAlbumOfOneOrOfThirtyOneFilesOrWithADocumentIsRefusedNamingTheField() {
        var photo = item("image", SampleMedia.jpeg(16, 16), "image/jpeg", null);
        world.api().body(Map.of("chatId", CUSTOMER, "items", List.of(photo))).post("/albums").then().statusCode(400)
                .contentType(containsString("problem+json")).body("errors.field", equalTo(List.of("items")));
        world.api().body(Map.of("chatId", CUSTOMER, "items", Collections.nCopies(31, photo))).post("/albums").then()
                .statusCode(400).body("errors.field", equalTo(List.of("items")));
        var document = item("document", "%PDF-1.4".getBytes(), "application/pdf", null);
        world.api().body(Map.of("chatId", CUSTOMER, "items", List.of(photo, document))).post("/albums").then()
                .statusCode(400).body("errors.field", equalTo(List.of("items[1].type")));
    }

    /** The album the customer's phone shows with {@code id}, once it holds {@code items} files. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitAlbumAtPhone(String id, int items) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> world.control().get("/api/phones/" + CUSTOMER + "/albums")
                        .then().statusCode(200).extract().jsonPath().getList("findAll { it.id == '" + id + "' }", Map.class)
                        .stream().map(album -> (Map<String, Object>) album).findFirst(),
                album -> album.isPresent() && ((List<?>) album.get().get("items")).size() >= items).orElseThrow();
    }

    private static Map<String, Object> item(String type, byte[] data, String mimeType, String caption) {
        var item = new java.util.HashMap<String, Object>(Map.of("type", type,
                "media", Map.of("data", Base64.getEncoder().encodeToString(data), "mimeType", mimeType)));
        if (caption != null) {
            item.put("caption", caption);
        }
        return item;
    }
}
