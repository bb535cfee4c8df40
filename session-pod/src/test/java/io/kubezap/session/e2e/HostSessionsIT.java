package io.kubezap.session.e2e;

import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.session.e2e.ShopsOnAHost.Shop;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * Issue 81: the packaged pod as a session host (no session of its own, its sessions listed in files as its mounted
 * Secret lists them) runs two sessions against the simulator, each linked by its own QR, each storing the text sent
 * to it in its own rows and answering its own path with its own API key; a session the host does not hold is not
 * found, never answered with another's data. Once per storage mode of the host (record 0021 asks Database of hosts).
 * Cobalt only: a session host needs storage mode Database, which the CRD refuses for Baileys (session-pod/README).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StorageMode.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostSessionsIT {

    private static final Shop FIRST = new Shop("loja-81a", "5511999990811", "key-of-loja-81a-0123456789");
    private static final Shop SECOND = new Shop("loja-81b", "5511999990812", "key-of-loja-81b-0123456789");
    private static final String CUSTOMER = "5511988880813";

    @Parameter
    StorageMode storage;

    private PodAgainstSimulator world;
    private ShopsOnAHost shops;

    @BeforeParameterizedClassInvocation
    void startHostWithTwoSessions() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "host-sessions-it-" + storage + "-");
        world = PodAgainstSimulator.create(work, "host", Map.of("KUBEZAP_STORAGE_MODE", storage.name()));
        world.createPhone(FIRST.owner(), "Loja A");
        world.createPhone(SECOND.owner(), "Loja B");
        world.createPhone(CUSTOMER, "Cliente");
        Path sessions = Files.createDirectories(work.resolve("host-sessions"));
        for (Shop shop : List.of(FIRST, SECOND)) {
            Files.writeString(sessions.resolve(HostSessionFile.fileName(shop.session())), entry(shop));
        }
        world.startHost(sessions);
        shops = new ShopsOnAHost(world);
    }

    @AfterParameterizedClassInvocation
    void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void eachSessionIsLinkedByItsOwnQr() {
        shops.linkEach(List.of(FIRST, SECOND));
    }

    @Test
    @Order(2)
    void eachSessionStoresTheTextSentToItInItsOwnRows() throws SQLException {
        shops.eachStoresTheTextSentToItInItsOwnRows(FIRST, SECOND, CUSTOMER);
    }

    @Test
    @Order(3)
    void eachSessionTakesItsOwnKeyAndNoOther() {
        api(FIRST).get().then().statusCode(200).body("name", equalTo(FIRST.session()));
        api(SECOND).get().then().statusCode(200).body("name", equalTo(SECOND.session()));
        world.api(FIRST.session(), SECOND.apiKey()).get().then().statusCode(401);
        world.api(SECOND.session(), FIRST.apiKey()).get().then().statusCode(401);
    }

    @Test
    @Order(4)
    void aSessionTheHostDoesNotHoldIsNotFound() {
        for (String key : List.of(FIRST.apiKey(), SECOND.apiKey())) {
            world.api("loja-81c", key).get("/messages").then().statusCode(404)
                    .contentType(containsString("application/problem+json"))
                    .body(not(containsString(FIRST.session())), not(containsString(SECOND.session())),
                            not(containsString("Para a loja")));
        }
    }

    private RequestSpecification api(Shop shop) {
        return shops.api(shop);
    }

    private static String entry(Shop shop) {
        return HostSessionFile.write(new HostSessionFile.Entry(shop.session(), Map.of(
                "KUBEZAP_SESSION", shop.session(),
                "KUBEZAP_NAMESPACE", PodAgainstSimulator.NAMESPACE,
                "KUBEZAP_API_KEY", shop.apiKey()), Map.of()));
    }
}
