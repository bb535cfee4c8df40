package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real n8n (from npm, src/test/n8n's package-lock.json) with the community package n8n-nodes-kubezap
 * (integrations/n8n-nodes-kubezap, built by {@code npm run build}) runs the workflow a user imports from the package's
 * examples: "when a message arrives, reply with its text reversed". Its kubezap Trigger is the session's webhook
 * (spec.webhooks, signed with a Secret's value that the n8n credential holds too), its kubezap node sends the reply
 * through the gateway to a real session pod linked to the simulated WhatsApp; the customer's phone sees the reversed
 * text. Deliveries with a wrong, missing or stale signature are refused (401) and start nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class N8nIT {

    static final String SESSION = "automacoes";
    static final String OWNER = "5511988880701";
    static final String CUSTOMER = "5511977770702";
    static final String ADMIN_KEY = "gateway-key-of-the-n8n-test";
    static final String N8N_KEY = "gateway-key-of-n8n";
    static final String SIGNING_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("the n8n trigger's signing secret".getBytes(StandardCharsets.UTF_8));
    /** The trigger's webhookId in the example workflow: its production URL is /webhook/{webhookId}/webhook. */
    static final String WEBHOOK_ID = "7d7f3c52-8f4e-4a0e-9d38-6b1f2b6a0c01";
    static final Path WORKFLOW = N8nInstance.PACKAGE.resolve("examples/reply-reversed.workflow.json");
    /** Whose commands the second workflow answers: its own customer, so that the example's reversed replies stay out. */
    static final String COMMANDER = "5511966660703";
    static final String COMMANDS_WEBHOOK_ID = "3c9a4f0e-6b1d-4e8a-9f27-5d0c8b1a7e42";
    /** Every other operation of the action node, one branch per command the customer writes (foto, local, grupo…). */
    static final Path COMMANDS_WORKFLOW = N8nInstance.INSTALLATION.resolve("every-operation.workflow.json");
    /** Whose messages the events trigger (the session's SSE stream, filtered to this chat) answers. */
    static final String STREAM_CUSTOMER = "5511955550704";
    static final Path STREAM_WORKFLOW = N8nInstance.INSTALLATION.resolve("event-stream.workflow.json");
    /**
     * A second session, on the Baileys engine (both engines send albums, product cards, buttons and lists; this one
     * puts the Baileys bridge under the workflow), whose webhook is the commands workflow's too: the workflow answers through the session that delivered.
     */
    static final String SHOP_SESSION = "vitrine";
    static final String SHOP_OWNER = "5511988880705";
    static final String SHOPPER = "5511944440706";

    private final TheSystem system = TheSystem.get();
    // HTTP/1.1 as the session pod's webhook sender speaks it: n8n's server leaves a request offering an h2c upgrade unanswered
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private N8nInstance n8n;
    private URI trigger;
    private URI commandsTrigger;
    private PictureServer picture;

    @BeforeAll
    void n8nWithTheWorkflowActiveAndALinkedSessionDeliveringToIt() throws Exception {
        assumeTrue(N8nInstance.installed() || System.getenv("CI") != null,
                "n8n is not installed here: scripts/install-n8n installs it and builds the package (~3 GB, ~11 minutes;"
                        + " .ci/run does)");
        URI gateway = system.gateways().get(0);
        system.gatewayKey("n8n-admin-key", ADMIN_KEY, "admin", "*");
        system.gatewayKey("n8n-key", N8N_KEY, "send", TheSystem.NAMESPACE);

        int port = freePort();
        Path folder = Files.createDirectories(system.workDir().resolve("n8n"));
        n8n = N8nInstance.prepare(folder, port, freePort(), "localhost", databasePort(), n8nDatabase(),
                system.workDir().resolve("n8n.log"));
        trigger = n8n.base().resolve("/webhook/" + WEBHOOK_ID + "/webhook");
        commandsTrigger = n8n.base().resolve("/webhook/" + COMMANDS_WEBHOOK_ID + "/webhook");
        long imported = System.nanoTime();
        importAndActivateTheWorkflows(gateway);
        n8n.start();
        TheSystem.await("n8n serving both triggers' production webhooks", () -> {
            assertThat(n8n.isAlive()).as("n8n is running (see n8n.log)").isTrue();
            return post(trigger, "{}", Map.of()).statusCode() == 401
                    && post(commandsTrigger, "{}", Map.of()).statusCode() == 401;
        });
        System.out.printf("N8nIT: n8n imported, activated and started in %d s%n",
                Duration.ofNanos(System.nanoTime() - imported).toSeconds());

        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja das automações"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do n8n"));
        system.control("POST", "/api/phones", Map.of("number", COMMANDER, "pushName", "Cliente dos comandos"));
        system.control("POST", "/api/phones", Map.of("number", STREAM_CUSTOMER, "pushName", "Cliente do stream"));
        system.control("POST", "/api/phones", Map.of("number", SHOP_OWNER, "pushName", "Vitrine do n8n"));
        system.control("POST", "/api/phones", Map.of("number", SHOPPER, "pushName", "Cliente da vitrine"));
        system.control("PUT", "/api/phones/" + SHOP_OWNER + "/profile", Map.of("business", Map.of("description", "Vitrine do n8n")));
        system.control("PUT", "/api/phones/" + SHOP_OWNER + "/catalog", Map.of("products", List.of(Map.of("id", "7002",
                "name", "Rolo de lã", "description", "Rolo de lã, pronta entrega", "price", 24_500_000L, "currency", "BRL",
                "retailerId", "SKU-7002", "imageUrl", "https://mmg.whatsapp.net/catalog/7002.jpg", "hidden", false))));
        picture = new PictureServer();
        system.client().resource(new SecretBuilder()
                .withNewMetadata().withName("n8n-hooks").withNamespace(TheSystem.NAMESPACE)
                .withLabels(Map.of("kubezap.io/session-secret", "true")).endMetadata()
                .withStringData(Map.of("signing-secret", SIGNING_SECRET)).build()).create();
        linkedWithTheTriggerAsWebhook(gateway);
        linkedShopOnBaileys(gateway);
    }

    @AfterAll
    void stopN8n() throws InterruptedException {
        if (n8n != null) {
            n8n.close();
        }
        if (picture != null) {
            picture.close();
        }
    }

    @Test
    void aMessageFromThePhoneIsAnsweredByTheWorkflowWithItsTextReversed() {
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Bom dia, n8n!"));

        TheSystem.await("the customer's phone to receive the reversed text",
                () -> system.inboxHas(CUSTOMER, "!n8n ,aid moB"));
    }

    @Test
    void deliveriesWithoutTheRightSignatureAreRefusedAndStartNothing() throws Exception {
        String forged = delivery("forjado");
        String id = "msg_forged_" + System.nanoTime();
        long now = Instant.now().getEpochSecond();
        var wrongKey = new com.standardwebhooks.Webhook("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("somebody else's secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(post(trigger, forged, Map.of()).statusCode()).as("no signature").isEqualTo(401);
        assertThat(post(trigger, forged, signed(wrongKey, id, now, forged)).statusCode()).as("another key")
                .isEqualTo(401);
        var rightKey = new com.standardwebhooks.Webhook(SIGNING_SECRET);
        assertThat(post(trigger, forged, signed(rightKey, id, now - 600, forged)).statusCode())
                .as("signed ten minutes ago (a replay)").isEqualTo(401);
        String altered = forged.replace("forjado", "alterado");
        assertThat(post(trigger, altered, signed(rightKey, id, now, forged)).statusCode())
                .as("the body changed after signing").isEqualTo(401);

        // the same delivery rightly signed passes: the workflow answers it, and only it, at the phone
        String genuine = delivery("assinado");
        assertThat(post(trigger, genuine, signed(rightKey, "msg_signed_" + System.nanoTime(), now, genuine))
                .statusCode()).isEqualTo(200);
        TheSystem.await("the reply to the rightly signed delivery", () -> system.inboxHas(CUSTOMER, "odanissa"));
        assertThat(system.inboxHas(CUSTOMER, "odajrof")).as("a refused delivery was answered").isFalse();
        assertThat(system.inboxHas(CUSTOMER, "odaretla")).as("a refused delivery was answered").isFalse();
    }

    /**
     * The commands workflow: each command the customer writes takes one branch, one operation of the kubezap node, and
     * the customer's phone (or WhatsApp's group, as the simulator holds it) shows its outcome. The commands go out
     * together and every outcome is checked, so a run shows all that failed.
     */
    @Test
    void everyOtherOperationOfTheActionNodeReachesThePhone() {
        long started = System.nanoTime();
        String pictureUrl = picture.url();
        List<String> commands = List.of("foto " + pictureUrl, "local", "enquete", "lido", "conversas", "mensagens",
                "historico", "grupo Clientes do n8n");
        for (String command : commands) {
            system.control("POST", "/api/phones/" + COMMANDER + "/messages", Map.of("to", OWNER, "text", command));
        }
        Map<String, java.util.function.Supplier<Boolean>> outcomes = new java.util.LinkedHashMap<>();
        outcomes.put("Send Media: the picture by URL, with its caption",
                () -> received(m -> "Foto enviada pelo n8n".equals(m.path("caption").asText())) != null);
        outcomes.put("Send Location", () -> received(m -> m.hasNonNull("location")) != null);
        outcomes.put("Send Poll", () -> received(m -> m.hasNonNull("poll")) != null);
        outcomes.put("Mark Read: the command shows read", () -> "read".equals(sentStatus("lido")));
        outcomes.put("Chat Get Many", () -> repliedWith("Conversas: ") != null);
        outcomes.put("Message Get Many", () -> repliedWith("Mensagens: ") != null);
        outcomes.put("Chat Get Messages", () -> repliedWith("Conversa: ") != null);
        outcomes.put("Group Create, Update, Update Participants, Get Invite Link, Get", () -> repliedWith("Grupo ") != null);
        try {
            TheSystem.await("every command's outcome", () -> outcomes.values().stream().allMatch(java.util.function.Supplier::get));
        } catch (AssertionError notAll) {
            // each outcome is asserted below, with what was seen
        }
        System.out.printf("N8nIT: the commands workflow's %d outcomes seen in %d s%n", commands.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        var softly = new org.assertj.core.api.SoftAssertions();
        JsonNode photo = received(m -> "Foto enviada pelo n8n".equals(m.path("caption").asText()));
        softly.assertThat(photo).as("Send Media: an image with its caption at the phone; inbox %s", inbox()).isNotNull();
        if (photo != null) {
            softly.assertThat(photo.path("type").asText()).as("Send Media's type").isEqualTo("image");
            softly.assertThat(photo.path("media").path("status").asText()).as("the phone downloaded it").isEqualTo("downloaded");
            softly.assertThat(photo.path("media").path("sha256").asText()).as("the picture at the URL, byte for byte")
                    .isEqualTo(picture.sha256());
        }
        JsonNode place = received(m -> m.hasNonNull("location"));
        softly.assertThat(place).as("Send Location: a location at the phone; inbox %s", inbox()).isNotNull();
        if (place != null) {
            softly.assertThat(place.path("location").path("latitude").asDouble()).isEqualTo(-23.55052);
            softly.assertThat(place.path("location").path("longitude").asDouble()).isEqualTo(-46.633308);
            softly.assertThat(place.path("location").path("name").asText()).isEqualTo("Loja do n8n");
            softly.assertThat(place.path("location").path("address").asText()).isEqualTo("Praça da Sé, São Paulo");
        }
        JsonNode poll = received(m -> m.hasNonNull("poll"));
        softly.assertThat(poll).as("Send Poll: a poll at the phone; inbox %s", inbox()).isNotNull();
        if (poll != null) {
            softly.assertThat(poll.path("poll").path("name").asText()).isEqualTo("Qual horário prefere?");
            softly.assertThat(poll.path("poll").path("options").findValuesAsText("name")).containsExactly("Manhã", "Tarde", "Noite");
            softly.assertThat(poll.path("poll").path("selectableCount").asInt()).isEqualTo(1);
        }
        softly.assertThat(sentStatus("lido")).as("Mark Read: the customer's command shows read (blue ticks)").isEqualTo("read");
        softly.assertThat(listed("Conversas: ")).as("Chat Get Many: the customer's chat among the session's chats")
                .contains(COMMANDER + "@s.whatsapp.net");
        softly.assertThat(listed("Mensagens: ")).as("Message Get Many of the chat: the customer's own commands")
                .contains("mensagens", "local");
        softly.assertThat(listed("Conversa: ")).as("Chat Get Messages: the customer's own commands")
                .contains("historico", "local");
        String group = repliedWith("Grupo ");
        var created = group == null ? null : java.util.regex.Pattern.compile(
                "Grupo Clientes do n8n: (\\S+@g\\.us), 2 participantes, convite https://chat\\.whatsapp\\.com/\\S+").matcher(group);
        softly.assertThat(created != null && created.matches())
                .as("Group Create, Update Participants, Get Invite Link, Get: the new group's subject, JID, two members "
                        + "and invite link in the reply, got %s", group).isTrue();
        if (created != null && created.matches()) {
            String jid = created.group(1);
            try {
                TheSystem.await("the account to leave the group (Group Leave)", () -> !members(jid).containsKey(OWNER));
            } catch (AssertionError stillIn) {
                // asserted below
            }
            JsonNode atWhatsApp = system.control("GET", "/api/groups/" + jid, null);
            softly.assertThat(atWhatsApp.path("subject").asText()).as("Group Create: the subject at WhatsApp").isEqualTo("Clientes do n8n");
            softly.assertThat(atWhatsApp.path("description").asText()).as("Group Update: the description at WhatsApp")
                    .isEqualTo("Criado pelo n8n");
            softly.assertThat(members(jid)).as("Update Participants promoted the customer; Leave took the account out")
                    .isEqualTo(Map.of(COMMANDER, "admin"));
        }
        softly.assertAll();
    }

    /**
     * The commands workflow's business operations, through the Baileys session: an album of the picture twice, the
     * catalog's product card, reply buttons and a list, each as the shopper's phone shows it.
     */
    @Test
    void theAlbumProductButtonsAndListOperationsReachThePhone() {
        String pictureUrl = picture.url();
        for (String command : List.of("album " + pictureUrl, "produto", "botoes", "lista")) {
            system.control("POST", "/api/phones/" + SHOPPER + "/messages", Map.of("to", SHOP_OWNER, "text", command));
        }
        try {
            TheSystem.await("the album, the product card, the buttons and the list at the shopper's phone",
                    () -> album() != null && album().path("items").size() == 2 && shopperReceived("product") != null
                            && shopperReceived("buttons") != null && shopperReceived("list") != null);
        } catch (AssertionError notAll) {
            // each outcome is asserted below, with what was seen
        }

        var softly = new org.assertj.core.api.SoftAssertions();
        JsonNode album = album();
        softly.assertThat(album).as("Send Album: an album at the phone; albums %s",
                system.control("GET", "/api/phones/" + SHOPPER + "/albums", null)).isNotNull();
        if (album != null) {
            softly.assertThat(album.path("items").size()).as("Send Album: its two photos").isEqualTo(2);
            softly.assertThat(album.path("expectedImageCount").asInt()).isEqualTo(2);
        }
        JsonNode product = shopperReceived("product");
        softly.assertThat(product).as("Send Product: the card at the phone; inbox %s", shopperInbox()).isNotNull();
        if (product != null) {
            softly.assertThat(product.path("productId").asText()).isEqualTo("7002");
            softly.assertThat(product.path("title").asText()).isEqualTo("Rolo de lã");
        }
        JsonNode buttons = shopperReceived("buttons");
        softly.assertThat(buttons).as("Send Buttons: the buttons at the phone; inbox %s", shopperInbox()).isNotNull();
        if (buttons != null) {
            softly.assertThat(buttons.path("text").asText()).isEqualTo("Confirma a entrega de sábado?");
            softly.assertThat(buttons.path("footer").asText()).isEqualTo("Loja do n8n");
            softly.assertThat(buttons.path("buttons").findValuesAsText("id")).containsExactly("sim", "nao");
            softly.assertThat(buttons.path("problems")).as("what the app checks before showing them").isEmpty();
        }
        JsonNode list = shopperReceived("list");
        softly.assertThat(list).as("Send List: the list at the phone; inbox %s", shopperInbox()).isNotNull();
        if (list != null) {
            softly.assertThat(list.path("buttonText").asText()).isEqualTo("Ver horários");
            softly.assertThat(list.path("sections").findValuesAsText("title")).contains("Manhã", "Tarde");
            softly.assertThat(list.path("problems")).isEmpty();
        }
        softly.assertAll();
    }

    private JsonNode shopperInbox() {
        return system.control("GET", "/api/phones/" + SHOPPER + "/messages", null);
    }

    /** What the shopper's phone shows of the first message it received holding {@code kind}, or null. */
    private JsonNode shopperReceived(String kind) {
        for (JsonNode message : shopperInbox()) {
            if (message.hasNonNull(kind)) {
                return message.get(kind);
            }
        }
        return null;
    }

    /** The first album the shopper's phone received, or null. */
    private JsonNode album() {
        JsonNode albums = system.control("GET", "/api/phones/" + SHOPPER + "/albums", null);
        return albums.isEmpty() ? null : albums.get(0);
    }

    /**
     * The kubezap Events Trigger follows the session's live event stream through the gateway (SSE, no webhook in the
     * session's spec): published before the session existed, it keeps reconnecting until the stream opens, then a
     * message of its chat starts the workflow, which answers it.
     */
    @Test
    void theEventsTriggerAnswersAMessageReadFromTheSessionsEventStream() {
        Path log = system.workDir().resolve("n8n.log");
        TheSystem.await("the events trigger connected to the session's stream (n8n.log)",
                () -> Files.readString(log).contains("kubezap event stream of " + SESSION + ": connected"));
        system.control("POST", "/api/phones/" + STREAM_CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Olá pelo stream"));

        TheSystem.await("the stream customer's phone to receive the answer",
                () -> system.inboxHas(STREAM_CUSTOMER, "Pelo stream: Olá pelo stream"));
    }

    /** A group's members at WhatsApp (the simulator), number to role. */
    private Map<String, String> members(String jid) {
        Map<String, String> members = new java.util.TreeMap<>();
        system.control("GET", "/api/groups/" + jid, null).path("participants")
                .forEach(member -> members.put(member.path("number").asText(), member.path("role").asText()));
        return members;
    }

    private JsonNode inbox() {
        return system.control("GET", "/api/phones/" + COMMANDER + "/messages", null);
    }

    /** The first message the commanding customer received that {@code matches}, or null. */
    private JsonNode received(java.util.function.Predicate<JsonNode> matches) {
        for (JsonNode message : inbox()) {
            if (matches.test(message)) {
                return message;
            }
        }
        return null;
    }

    /** The text of the first reply starting with {@code prefix}, or null. */
    private String repliedWith(String prefix) {
        JsonNode reply = received(m -> m.path("text").asText().startsWith(prefix));
        return reply == null ? null : reply.path("text").asText();
    }

    /** What a listing reply ({@code "Conversas: a, b"}, {@code "Mensagens: a | b"}) named. */
    private List<String> listed(String prefix) {
        String reply = repliedWith(prefix);
        return reply == null ? List.of() : List.of(reply.substring(prefix.length()).split(", | \\| "));
    }

    /** The status (sent, delivered, read) of the message the customer sent with {@code text}. */
    private String sentStatus(String text) {
        for (JsonNode sent : system.control("GET", "/api/phones/" + COMMANDER + "/sent", null)) {
            if (text.equals(sent.path("text").asText())) {
                return sent.path("status").asText();
            }
        }
        return null;
    }

    /** The session's webhook to the trigger: created through the gateway with it, linked by the owner's phone. */
    private void linkedWithTheTriggerAsWebhook(URI gateway) throws Exception {
        ObjectNode body = TheSystem.JSON.createObjectNode().put("name", SESSION).put("namespace", TheSystem.NAMESPACE);
        body.putObject("pairing").put("method", "QR");
        var hooks = body.putArray("webhooks");
        ObjectNode hook = hooks.addObject().put("url", trigger.toString());
        hook.putArray("events").add("message.received");
        hook.putObject("filter").putArray("excludeChats").add(COMMANDER).add(STREAM_CUSTOMER);
        hook.putObject("secretRef").put("name", "n8n-hooks").put("key", "signing-secret");
        commandsHook(hooks, COMMANDER);
        created(gateway, body, SESSION, OWNER);
    }

    /** The Baileys session whose webhook is the commands trigger for the shopper's commands. */
    private void linkedShopOnBaileys(URI gateway) throws Exception {
        ObjectNode body = TheSystem.JSON.createObjectNode().put("name", SHOP_SESSION).put("namespace", TheSystem.NAMESPACE)
                .put("engine", "Baileys");
        body.putObject("pairing").put("method", "QR");
        commandsHook(body.putArray("webhooks"), SHOPPER);
        created(gateway, body, SHOP_SESSION, SHOP_OWNER);
    }

    private void commandsHook(com.fasterxml.jackson.databind.node.ArrayNode hooks, String commander) {
        ObjectNode commands = hooks.addObject().put("url", commandsTrigger.toString());
        commands.putArray("events").add("message.received");
        commands.putObject("filter").putArray("chats").add(commander);
        commands.putObject("secretRef").put("name", "n8n-hooks").put("key", "signing-secret");
    }

    /** The session created through the gateway, linked by its owner's phone scanning its QR. */
    private void created(URI gateway, ObjectNode body, String session, String owner) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/sessions"))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String qr = system.awaitQr(session, "a QR", code -> true);
        system.control("POST", "/api/phones/" + owner + "/scan", Map.of("qr", qr));
        system.awaitSession(session, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
    }

    /**
     * The n8n CLI as an operator runs it before starting n8n: the credential (the gateway's URL, n8n's key, the
     * webhook signing secret), the example workflow and the commands workflow, and their activation.
     */
    private void importAndActivateTheWorkflows(URI gateway) throws Exception {
        Path credentials = n8n.userFolder().resolve("kubezap-credential.json");
        Files.writeString(credentials, TheSystem.JSON.writeValueAsString(List.of(Map.of(
                "id", "kzGatewayCred001", "name", "kubezap gateway", "type", "kubezapApi",
                "data", Map.of("baseUrl", gateway.toString(), "authentication", "apiKey", "apiKey", N8N_KEY,
                        "webhookSecret", SIGNING_SECRET)))));
        n8n.cli("import:credentials", "--input=" + credentials);
        // both in one import (a file holding a list of workflows): each start of n8n's CLI takes seconds
        Path workflows = n8n.userFolder().resolve("workflows.json");
        Files.writeString(workflows, TheSystem.JSON.writeValueAsString(List.of(
                TheSystem.JSON.readTree(WORKFLOW.toFile()), TheSystem.JSON.readTree(COMMANDS_WORKFLOW.toFile()),
                TheSystem.JSON.readTree(STREAM_WORKFLOW.toFile()))));
        n8n.cli("import:workflow", "--input=" + workflows);
        n8n.cli("publish:workflow", "--id=kzReverseReply01");
        publishedAsTheCliDoes("kzEveryOperation", "kzEventStreamReply");
    }

    /**
     * What {@code n8n publish:workflow --id=…} does to n8n's database (WorkflowRepository.publishVersion: the imported
     * version becomes the active one), for the test's own workflows: each start of n8n's CLI takes 10-20 s under load,
     * and the example's publication above already proves the command.
     */
    private void publishedAsTheCliDoes(String... workflowIds) throws Exception {
        String url;
        try (var connection = system.database()) {
            url = connection.getMetaData().getURL();
        }
        String n8nDatabase = url.replaceFirst("/[^/?]*(\\?|$)", "/n8n$1");
        try (var connection = java.sql.DriverManager.getConnection(n8nDatabase, "postgres", "postgres");
             var publish = connection.prepareStatement(
                     "UPDATE workflow_entity SET active = true, \"activeVersionId\" = \"versionId\" WHERE id = ?")) {
            for (String id : workflowIds) {
                publish.setString(1, id);
                assertThat(publish.executeUpdate()).as("workflow %s imported", id).isEqualTo(1);
            }
        }
    }

    /** A message.received delivery of the test's session from the customer, as the pod's webhooks send one. */
    private static String delivery(String text) {
        ObjectNode body = TheSystem.JSON.createObjectNode().put("event", "message.received").put("session", SESSION)
                .put("namespace", TheSystem.NAMESPACE).put("timestamp", Instant.now().toString())
                .put("deliveryId", "msg_" + System.nanoTime());
        body.putObject("data").put("id", java.util.UUID.randomUUID().toString())
                .put("chat", CUSTOMER + "@s.whatsapp.net").put("from", CUSTOMER + "@s.whatsapp.net")
                .put("type", "text").put("direction", "in").put("text", text);
        return body.toString();
    }

    private static Map<String, String> signed(com.standardwebhooks.Webhook key, String id, long seconds, String body)
            throws Exception {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(seconds),
                "webhook-signature", key.sign(id, seconds, body));
    }

    private HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A database of n8n's own in the system's PostgreSQL (n8n's production setting: DB_TYPE=postgresdb). */
    private String n8nDatabase() throws Exception {
        try (var connection = system.database(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE n8n");
        }
        return "n8n";
    }

    private int databasePort() throws Exception {
        try (var connection = system.database()) {
            return URI.create(connection.getMetaData().getURL().substring("jdbc:".length())).getPort();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** A PNG picture on loopback, where the workflow's Send Media points the session pod (the test's allow list). */
    private static final class PictureServer implements AutoCloseable {

        private final byte[] png;
        private final com.sun.net.httpserver.HttpServer server;

        PictureServer() throws java.io.IOException {
            var image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 64; x++) {
                for (int y = 0; y < 48; y++) {
                    image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x80);
                }
            }
            var bytes = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", bytes);
            png = bytes.toByteArray();
            server = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/loja/foto.png", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().add("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, png.length);
                    exchange.getResponseBody().write(png);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/loja/foto.png";
        }

        String sha256() {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
