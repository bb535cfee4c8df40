package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * The account as a WhatsApp Business account, between the packaged pod and the simulator: its business profile read
 * and changed as the Business app changes it (one {@code w:biz} delta: description, address, email, websites, hours),
 * catalogs listed page by page ({@code w:biz:catalog}), a catalog's product sent as its card, and a customer's order
 * received with its items (read with the order-details query and the order's token) and the status it carries.
 * Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessIT {

    private static final String SHOP = "5511999990070";
    private static final String CUSTOMER = "5511988880070";
    private static final String PERSON = "5511977770070";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "business-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-70", BaileysBridge.environment(engine));
        world.startLinked(SHOP, CUSTOMER);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aPersonalAccountHasNoBusinessProfileToChange() {
        world.api().get("/profile/business").then().statusCode(404);
        world.api().body(Map.of("description", "Tintas")).put("/profile/business").then().statusCode(409)
                .body("type", endsWith("not-a-business-account"));
        world.control().get("/api/phones/" + SHOP + "/profile").then().body("business", nullValue());
    }

    @Test
    @Order(2)
    void theBusinessProfileIsChangedAsTheBusinessAppChangesIt() {
        world.control().body(Map.of("business", Map.of("description", "Tintas", "email", "loja@example.com",
                "category", "Home Improvement"))).put("/api/phones/" + SHOP + "/profile").then().statusCode(200);

        var hours = Map.of("timezone", "America/Sao_Paulo", "days", List.of(
                Map.of("day", "mon", "mode", "specific_hours", "openTime", 540, "closeTime", 1080),
                Map.of("day", "sat", "mode", "open_24h"),
                Map.of("day", "sun", "mode", "appointment_only")));
        world.api().body(Map.of("description", "Tintas e vernizes desde 1990", "address", "Rua Augusta, 100",
                        "websites", List.of("https://tintas.example.com"), "hours", hours))
                .put("/profile/business").then().statusCode(200)
                .body("description", equalTo("Tintas e vernizes desde 1990")).body("address", equalTo("Rua Augusta, 100"))
                .body("email", equalTo("loja@example.com")).body("websites", equalTo(List.of("https://tintas.example.com")))
                .body("categories", equalTo(List.of("Home Improvement")))
                .body("hours.timezone", equalTo("America/Sao_Paulo"))
                .body("hours.days.day", equalTo(List.of("mon", "sat", "sun")))
                .body("hours.days[0].openTime", equalTo(540)).body("hours.days[0].closeTime", equalTo(1080))
                .body("hours.days[1].openTime", nullValue());
        world.control().get("/api/phones/" + SHOP + "/profile").then().statusCode(200)
                .body("business.address", equalTo("Rua Augusta, 100")).body("business.email", equalTo("loja@example.com"))
                .body("business.hours.days.mode", equalTo(List.of("specific_hours", "open_24h", "appointment_only")));

        world.api().body(Map.of("email", "vendas@example.com")).put("/profile/business").then().statusCode(200)
                .body("email", equalTo("vendas@example.com")).body("address", equalTo("Rua Augusta, 100"))
                .body("hours.days.day", equalTo(List.of("mon", "sat", "sun")));
        world.api().get("/profile").then().statusCode(200).body("business.email", equalTo("vendas@example.com"));
    }

    @Test
    @Order(3)
    void aChangeWhatsAppWouldNotTakeIsRefusedFieldByField() {
        world.api().body(Map.of("websites", List.of("ftp://tintas.example.com", "https://a.example.com", "https://b.example.com"),
                        "hours", Map.of("timezone", "Mars/Base", "days", List.of(
                                Map.of("day", "mon", "mode", "specific_hours", "openTime", 1080, "closeTime", 540),
                                Map.of("day", "mon", "mode", "always")))))
                .put("/profile/business").then().statusCode(400).body("type", endsWith("validation-failed"))
                .body("errors.field", hasItems("websites", "websites[0]", "hours.timezone", "hours.days[0]",
                        "hours.days[1].day", "hours.days[1].mode"));
        world.api().body(Map.of()).put("/profile/business").then().statusCode(400);
        world.control().get("/api/phones/" + SHOP + "/profile").then().body("business.email", equalTo("vendas@example.com"));
    }

    @Test
    @Order(4)
    void catalogsAreListedPageByPageAsWhatsAppShowsThem() {
        world.control().body(Map.of("products", List.of(
                product("7001", "Tinta acrílica 18L", 389_900_000L, false),
                product("7002", "Rolo de lã", 24_500_000L, false),
                product("7003", "Fundo preparador", 99_900_000L, true)))).put("/api/phones/" + SHOP + "/catalog").then().statusCode(200);

        var first = world.api().queryParam("limit", 2).get("/business/catalog").then().statusCode(200)
                .body("products.id", equalTo(List.of("7001", "7002")))
                .body("products[0].name", equalTo("Tinta acrílica 18L")).body("products[0].price", equalTo(389_900_000))
                .body("products[0].currency", equalTo("BRL")).body("products[0].retailerId", equalTo("SKU-7001"))
                .body("products[0].imageUrl", equalTo("https://mmg.whatsapp.net/catalog/7001.jpg"))
                .extract().path("nextCursor");
        world.api().queryParam("limit", 2).queryParam("cursor", first).get("/business/catalog").then().statusCode(200)
                .body("products.id", equalTo(List.of("7003"))).body("products[0].hidden", equalTo(true))
                .body("nextCursor", nullValue());

        world.control().body(Map.of("business", Map.of("description", "Ferragens"))).put("/api/phones/" + CUSTOMER + "/profile")
                .then().statusCode(200);
        world.control().body(Map.of("products", List.of(product("8001", "Parafuso", 500_000L, false),
                product("8002", "Prego (oculto)", 300_000L, true)))).put("/api/phones/" + CUSTOMER + "/catalog").then().statusCode(200);
        world.api().queryParam("jid", CUSTOMER).get("/business/catalog").then().statusCode(200)
                .body("products.id", equalTo(List.of("8001"))).body("nextCursor", nullValue());

        world.createPhone(PERSON, "Bia");
        world.api().queryParam("jid", PERSON).get("/business/catalog").then().statusCode(404);
        world.api().queryParam("limit", 0).get("/business/catalog").then().statusCode(400);
    }

    @Test
    @Order(5)
    void aProductIsSentAsItsCardFromTheCatalog() {
        var id = world.api().body(Map.of("chatId", CUSTOMER, "productId", "7002", "body", "Chegou hoje", "footer", "Loja 70"))
                .post("/product").then().statusCode(202).body("type", equalTo("product"))
                .body("product.productId", equalTo("7002")).body("product.title", equalTo("Rolo de lã"))
                .extract().<String>path("id");
        String waId = world.awaitSent(id);
        world.api().get("/messages/" + id).then().body("status", not(equalTo("failed")))
                .body("product.price", equalTo(24_500_000)).body("product.currency", equalTo("BRL"))
                .body("product.businessOwnerJid", endsWith(SHOP + "@s.whatsapp.net"));

        var card = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(card.get("type")).isEqualTo("product");
        @SuppressWarnings("unchecked")
        var shown = (Map<String, Object>) card.get("product");
        assertThat((List<?>) shown.get("problems")).as("what the customer's app checks of the card").isEmpty();
        assertThat(shown).containsEntry("productId", "7002").containsEntry("title", "Rolo de lã").containsEntry("currency", "BRL")
                .containsEntry("retailerId", "SKU-7002").containsEntry("body", "Chegou hoje").containsEntry("footer", "Loja 70")
                .containsEntry("businessOwnerJid", SHOP + "@s.whatsapp.net");
        assertThat(((Number) shown.get("priceAmount1000")).longValue()).isEqualTo(24_500_000L);

        world.api().body(Map.of("chatId", CUSTOMER, "productId", "9999")).post("/product").then().statusCode(404)
                .contentType(containsString("problem+json"));
        world.api().body(Map.of("chatId", CUSTOMER)).post("/product").then().statusCode(400)
                .body("errors.field", hasItems("productId"));
    }

    @Test
    @Order(6)
    void anOrderArrivesWithItsItems() {
        var sent = world.control().body(Map.of("to", SHOP, "message", "Entregar à tarde",
                        "items", List.of(Map.of("productId", "7001", "quantity", 2), Map.of("productId", "7002", "quantity", 1))))
                .post("/api/phones/" + CUSTOMER + "/orders").then().statusCode(202).extract().jsonPath();

        var order = world.awaitIncoming(sent.getString("id"));
        assertThat(order.get("type")).isEqualTo("order");
        @SuppressWarnings("unchecked")
        var placed = (Map<String, Object>) order.get("order");
        assertThat(placed).containsEntry("orderId", sent.getString("orderId")).containsEntry("itemCount", 3)
                .containsEntry("message", "Entregar à tarde").containsEntry("currency", "BRL").containsEntry("status", "inquiry");
        assertThat(((Number) placed.get("total")).longValue()).isEqualTo(2 * 389_900_000L + 24_500_000L);
        @SuppressWarnings("unchecked")
        var items = (List<Map<String, Object>>) placed.get("items");
        assertThat(items).extracting(item -> item.get("productId"), item -> item.get("quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("7001", 2), org.assertj.core.groups.Tuple.tuple("7002", 1));
        assertThat(items.getFirst()).containsEntry("name", "Tinta acrílica 18L").containsEntry("currency", "BRL");
    }

    @Test
    @Order(7)
    void anOrderReadsTheStatusItCarries() {
        var sent = world.control().body(Map.of("to", SHOP, "items", List.of(Map.of("productId", "7003", "quantity", 1)),
                "status", "accepted")).post("/api/phones/" + CUSTOMER + "/orders").then().statusCode(202).extract().jsonPath();

        var order = world.awaitIncoming(sent.getString("id"));
        assertThat(order.get("type")).isEqualTo("order");
        @SuppressWarnings("unchecked")
        var placed = (Map<String, Object>) order.get("order");
        assertThat(placed).containsEntry("orderId", sent.getString("orderId")).containsEntry("status", "accepted")
                .containsEntry("itemCount", 1);
    }

    private static Map<String, Object> product(String id, String name, long price, boolean hidden) {
        return Map.of("id", id, "name", name, "description", name + ", pronta entrega", "price", price, "currency", "BRL",
                "retailerId", "SKU-" + id, "imageUrl", "https://mmg.whatsapp.net/catalog/" + id + ".jpg", "hidden", hidden);
    }
}
