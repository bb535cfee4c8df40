package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * The account itself, between the packaged pod and the simulator: the session renames the account (the phone's own app
 * state takes the new push name, and WhatsApp's server, which shows it others with the account's messages), a rename on
 * the phone reaches the profile and its {@code session.status} event, the session changes the account's about and picture (what WhatsApp then shows everyone, read back
 * the way a contact's profile is read), removes the picture, shows its business profile, and reads and changes its
 * privacy settings with WhatsApp's names and values. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountIT {

    private static final String OWNER = "5511999990038";
    private static final String CUSTOMER = "5511988880038";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "account-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-38", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
        world.awaitPhase("Connected");
        // the phone shares its app-state key with the first history sync, which names the account
        await().atMost(PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Loja"));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theSessionRenamesTheAccountAndChangesWhatOthersSeeOfIt() throws Exception {
        world.api().body(Map.of("name", "Tintas Centro")).put("/profile/name").then().statusCode(200)
                .body("pushName", equalTo("Tintas Centro")).body("phoneNumber", equalTo(OWNER));
        world.control().get("/api/phones/" + OWNER).then().body("announcedName", equalTo("Tintas Centro"))
                .body("pushName", equalTo("Tintas Centro"));
        assertThat(world.control().get("/api/phones/" + OWNER + "/appstate").jsonPath().getList("findAll { it.index == ['setting_pushName'] }.value.pushName"))
                .as("written where the phone keeps its own name").containsExactly("Tintas Centro");
        await().atMost(PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Tintas Centro"));
        assertThat(world.control().get("/api/phones/" + OWNER + "/presence").jsonPath().getString("state"))
                .as("renaming does not show the account online").isEqualTo("unavailable");

        long beforePhoneRename = world.lastEventId();
        world.control().body(Map.of("pushName", "Tintas do Centro")).patch("/api/phones/" + OWNER).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> world.api().get("/profile").jsonPath().getString("pushName"), equalTo("Tintas do Centro"));
        assertThat(world.eventsAfter("session.status", beforePhoneRename)).as("renamed on the phone")
                .anySatisfy(event -> assertThat(PodAgainstSimulator.payload(event)).extractingByKey("account")
                        .satisfies(account -> assertThat(((Map<?, ?>) account).get("pushName")).isEqualTo("Tintas do Centro")));

        world.api().body(Map.of("status", "Aberto das 9h às 18h")).put("/profile/status").then().statusCode(200)
                .body("about", equalTo("Aberto das 9h às 18h")).body("aboutSetAt", notNullValue());
        world.control().get("/api/phones/" + OWNER + "/profile").then().body("about", equalTo("Aberto das 9h às 18h"));

        byte[] landscape = SampleFiles.jpeg(800, 600, 38);
        String pictureUrl = world.api().body(Map.of("file", Map.of("data", Base64.getEncoder().encodeToString(landscape))))
                .put("/profile/picture").then().statusCode(200)
                .body("picture.path", equalTo("profile/picture")).extract().path("picture.url");
        world.control().get("/api/phones/" + OWNER + "/profile").then().body("pictureUrl", equalTo(pictureUrl));
        byte[] shown = world.api().get("/profile/picture").then().statusCode(200).contentType("image/jpeg").extract().asByteArray();
        var picture = ImageIO.read(new ByteArrayInputStream(shown));
        assertThat(List.of(picture.getWidth(), picture.getHeight())).as("a centred square, as WhatsApp keeps pictures")
                .isEqualTo(List.of(600, 600));

        world.api().delete("/profile/picture").then().statusCode(204);
        world.control().get("/api/phones/" + OWNER + "/profile").then().body("pictureId", nullValue());
        world.api().get("/profile").then().statusCode(200).body("picture", nullValue()).body("business", nullValue())
                .body("about", equalTo("Aberto das 9h às 18h"));
        world.api().get("/profile/picture").then().statusCode(404);

        world.control().body(Map.of("business", Map.of("description", "Tintas e vernizes", "email", "loja@example.com",
                "category", "Home Improvement"))).put("/api/phones/" + OWNER + "/profile").then().statusCode(200);
        world.api().get("/profile").then().statusCode(200).body("business.description", equalTo("Tintas e vernizes"))
                .body("business.categories", equalTo(List.of("Home Improvement")));

        world.api().body(Map.of("name", "x".repeat(26))).put("/profile/name").then().statusCode(400)
                .body("type", endsWith("validation-failed"));
        world.api().body(Map.of("status", "x".repeat(140))).put("/profile/status").then().statusCode(400);
        world.api().body(Map.of("file", Map.of("data", Base64.getEncoder().encodeToString("no image".getBytes()))))
                .put("/profile/picture").then().statusCode(400);
        world.api().body(Map.of("file", Map.of("url", "http://127.0.0.1:1/p.jpg"))).put("/profile/picture").then().statusCode(400)
                .body("type", endsWith("url-not-allowed"));
    }

    @Test
    void privacySettingsAreReadAndChangedWithWhatsAppsNamesAndValues() {
        world.api().get("/privacy").then().statusCode(200).body("last", equalTo("all")).body("status", equalTo("contacts"))
                .body("calladd", equalTo("all"));

        world.api().body(Map.of("last", "contacts", "online", "match_last_seen", "readreceipts", "none", "groupadd", "contact_blacklist"))
                .patch("/privacy").then().statusCode(200).body("last", equalTo("contacts")).body("online", equalTo("match_last_seen"))
                .body("readreceipts", equalTo("none")).body("groupadd", equalTo("contact_blacklist")).body("profile", equalTo("all"));
        world.control().get("/api/phones/" + OWNER + "/privacy").then().body("last", equalTo("contacts"))
                .body("online", equalTo("match_last_seen")).body("readreceipts", equalTo("none"));
        world.api().get("/privacy").then().body("groupadd", equalTo("contact_blacklist"));

        world.api().body(Map.of("online", "contacts")).patch("/privacy").then().statusCode(400)
                .body("errors[0].field", equalTo("online"));
        world.api().body(Map.of("birthday", "all")).patch("/privacy").then().statusCode(400);
        world.control().get("/api/phones/" + OWNER + "/privacy").then().body("online", equalTo("match_last_seen"));
    }
}
