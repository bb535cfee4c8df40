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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Albums: photos and videos a phone sends as one album, as WhatsApp's apps group them (the {@code albumMessage} saying how
 * many images and videos follow, then each file associated to it), between the packaged pod and simulated phones. The
 * API shows the album's first message as type {@code album} with its counts, each item naming it ({@code albumId}),
 * and {@code GET /messages/{id}} of the album lists its items.
 * <p>
 * Baileys only: Cobalt 0.0.10's message model has neither {@code albumMessage} nor {@code messageAssociation}, so under
 * Cobalt the items arrive as separate photos and videos (session-pod/README, "Which end-to-end tests run on one engine").
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = EngineKind.class, names = "Baileys")
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

    private static Map<String, Object> item(String type, byte[] data, String mimeType, String caption) {
        var item = new java.util.HashMap<String, Object>(Map.of("type", type,
                "media", Map.of("data", Base64.getEncoder().encodeToString(data), "mimeType", mimeType)));
        if (caption != null) {
            item.put("caption", caption);
        }
        return item;
    }
}
