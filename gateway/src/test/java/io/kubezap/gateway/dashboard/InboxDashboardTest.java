package io.kubezap.gateway.dashboard;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's inbox, webhook deliveries and live feed in a real headless Chromium, against session pods that
 * hold chats and deliveries ({@link InboxPodStandIn}) and the events table they record to. Screenshots:
 * {@code target/screenshots/dashboard-inbox-*.png}.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(InboxPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class InboxDashboardTest extends InBrowser {

    static final String CUSTOMER = "5511977770001@s.whatsapp.net";
    static final String OTHER = "5511977770002@s.whatsapp.net";

    @Test
    void chatsWithUnreadCountsAndAThreadWithImagesShownAndDocumentsDownloaded() throws IOException {
        PodInbox inbox = session("loja");
        inbox.received(CUSTOMER, "Maria", "Oi, tudo bem?");
        byte[] photo = SessionPodStandIn.png("a photo");
        inbox.file(CUSTOMER, "in", "image", "image/png", "foto.png", "Olha a foto", photo);
        byte[] pdf = "%PDF-1.4 the order of Maria\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        inbox.file(CUSTOMER, "in", "document", "application/pdf", "pedido.pdf", "O pedido", pdf);
        inbox.sent(OTHER, "Bom dia");
        page.openSession(Sessions.ADMIN_KEY, "test", "loja");

        WebElement maria = browser.await("Maria's chat", () -> chat(CUSTOMER));
        assertThat(maria.findElement(By.className("unread")).getText()).isEqualTo("3");
        assertThat(maria.findElement(By.className("preview")).getText()).isEqualTo("O pedido");
        assertThat(chat(OTHER).findElement(By.className("preview")).getText()).isEqualTo("You: Bom dia");
        maria.click();
        browser.await("the image shown", () -> (Boolean) browser.script(
                "const img = document.querySelector('#thread img.media'); return !!img && img.complete && img.naturalWidth > 0"));
        assertThat(browser.find("thread").getText()).contains("Oi, tudo bem?", "Olha a foto", "Download pedido.pdf");
        browser.screenshot("inbox-thread");

        Files.deleteIfExists(Browser.DOWNLOADS.resolve("pedido.pdf"));
        browser.driver().findElement(By.cssSelector("#thread a.download")).click();
        Path downloaded = Browser.DOWNLOADS.resolve("pedido.pdf");
        browser.await("pedido.pdf downloaded", () -> Files.exists(downloaded) && sameBytes(downloaded, pdf));

        browser.find("mark-read").click();
        browser.await("no unread count", () -> chat(CUSTOMER).findElements(By.className("unread")).isEmpty());
        assertThat(InboxPodStandIn.RECEIVED).anySatisfy(r -> {
            assertThat(r.method() + " " + r.uri()).isEqualTo("POST /api/v1/sessions/loja/chats/" + CUSTOMER + "/read");
            assertThat(r.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
        });
        browser.screenshot("inbox-read");
    }

    @Test
    void repliesReactionsEditsAndDeletionsShowUpAsTheyHappen() {
        PodInbox inbox = session("ao-vivo");
        Map<String, Object> first = inbox.received(CUSTOMER, "Maria", "Primeira");
        page.openSession(Sessions.ADMIN_KEY, "test", "ao-vivo");
        browser.await("Maria's chat", () -> chat(CUSTOMER)).click();
        browser.await("the first message", () -> message(first) != null);
        browser.await("the live feed", () -> "live".equals(browser.find("feed-state").getText()));

        Map<String, Object> reply = inbox.received(CUSTOMER, "Maria", "Respondendo");
        reply.put("quotedMessageId", first.get("id"));
        recorded("ao-vivo", "message.received");
        browser.await("the reply, with what it quotes", () -> message(reply).findElement(By.className("quote")).getText().equals("Primeira"));

        inbox.reacted((String) first.get("id"), CUSTOMER, "❤");
        recorded("ao-vivo", "message.reaction");
        browser.await("the reaction", () -> message(first).findElement(By.className("reactions")).getText().contains("❤"));

        Map<String, Object> mine = inbox.sent(CUSTOMER, "Texto antigo");
        inbox.edited((String) mine.get("id"), "Texto novo");
        recorded("ao-vivo", "message.edited");
        browser.await("the edited text", () -> message(mine).getText().contains("Texto novo")
                && message(mine).findElement(By.className("meta")).getText().contains("edited"));

        inbox.revoked((String) reply.get("id"));
        recorded("ao-vivo", "message.revoked");
        browser.await("the deletion", () -> message(reply).getText().contains("This message was deleted"));
        browser.screenshot("inbox-live");
    }

    @Test
    void repliesReactionsEditsDeletionsFilesAndPlacesSentFromThePage() throws IOException {
        PodInbox inbox = session("balcao");
        Map<String, Object> question = inbox.received(CUSTOMER, "João", "Quanto custa?");
        page.openSession(Sessions.ADMIN_KEY, "test", "balcao");
        browser.await("João's chat", () -> chat(CUSTOMER)).click();

        action(question, "Reply to this message").click();
        browser.type("compose-text", "Dez reais");
        browser.find("compose").submit();
        Map<String, Object> answer = browser.await("the reply at the pod", () -> last(inbox, "Dez reais"));
        assertThat(answer.get("quotedMessageId")).isEqualTo(question.get("id"));
        browser.await("the reply quoting the question", () -> message(answer).findElement(By.className("quote")).getText().equals("Quanto custa?"));

        action(question, "React to this message").click();
        browser.answerDialog(null);
        browser.await("the reaction at the pod", () -> inbox.message((String) question.get("id")).orElseThrow()
                .get("reactions").toString().contains("emoji=👍"));

        action(answer, "Edit this message").click();
        browser.answerDialog("Doze reais");
        browser.await("the edit at the pod and on the page", () -> "Doze reais".equals(inbox.message((String) answer.get("id")).orElseThrow().get("text"))
                && message(answer).getText().contains("Doze reais"));

        action(answer, "Delete this message for everyone").click();
        browser.answerDialog(null);
        browser.await("the deletion on the page", () -> message(answer).getText().contains("This message was deleted"));

        Path menu = Files.createDirectories(Path.of("target", "uploads")).resolve("cardapio.pdf").toAbsolutePath();
        byte[] pdf = "%PDF-1.4 the menu\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(menu, pdf);
        browser.find("compose-file").sendKeys(menu.toString());
        browser.type("compose-text", "O cardápio");
        browser.find("compose").submit();
        browser.await("the file at the pod", () -> inbox.thread(CUSTOMER).stream()
                .anyMatch(m -> m.get("media") != null && ((Map<?, ?>) m.get("media")).get("fileName").equals("cardapio.pdf")
                        && "document".equals(m.get("type")) && "application/pdf".equals(((Map<?, ?>) m.get("media")).get("mimeType"))
                        && "O cardápio".equals(m.get("text"))));
        browser.await("the file in the thread", () -> browser.find("thread").getText().contains("Download cardapio.pdf"));

        browser.type("location-latitude", "-23.5505");
        browser.type("location-longitude", "-46.6333");
        browser.type("location-name", "Loja centro");
        browser.find("location").submit();
        browser.await("the place at the pod", () -> inbox.thread(CUSTOMER).stream()
                .anyMatch(m -> "location".equals(m.get("type")) && m.get("location").toString().contains("latitude=-23.5505")));
        browser.await("the place in the thread", () -> browser.find("thread").getText().contains("Loja centro (-23.5505, -46.6333)"));
        assertThat(InboxPodStandIn.RECEIVED).filteredOn(r -> r.uri().startsWith("/api/v1/sessions/balcao/"))
                .allSatisfy(r -> assertThat(r.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY));
        browser.screenshot("inbox-sent");
    }

    @Test
    void webhookDeliveriesRecentAndFailedRetriedAndTheSessionsBacklogAndLastError() {
        PodInbox inbox = session("ganchos");
        inbox.delivery("message.received", "delivered", null);
        Map<String, Object> failed = inbox.delivery("message.sent", "failed", "endpoint answered HTTP 500");
        GatewayDatabase.webhookDelivery("test", "ganchos", "pending");
        GatewayDatabase.webhookDelivery("test", "ganchos", "failed");
        GatewayDatabase.webhookDelivery("test", "ganchos", "failed");
        failing("ganchos", "ConnectionFailure", "the WhatsApp server closed the stream (515)");

        page.open(Sessions.ADMIN_KEY);
        browser.await("the backlog and failures", () -> page.cell("test", "ganchos", "webhooks").equals("1 waiting, 2 failed"));
        assertThat(page.cell("test", "ganchos", "last-error")).isEqualTo("ConnectionFailure: the WhatsApp server closed the stream (515)");
        browser.screenshot("inbox-sessions");

        page.row("test", "ganchos").findElement(By.className("open")).click();
        browser.await("two deliveries", () -> deliveries().size() == 2);
        browser.find("deliveries-failed").click();
        browser.await("the failed one only", () -> deliveries().size() == 1
                && deliveries().getFirst().findElement(By.className("error")).getText().equals("endpoint answered HTTP 500"));
        browser.screenshot("inbox-deliveries");
        deliveries().getFirst().findElement(By.className("retry")).click();
        browser.await("the delivery queued again", () -> "pending".equals(failed.get("status"))
                && browser.find("message").getText().contains("queued again"));
        assertThat(InboxPodStandIn.RECEIVED).anySatisfy(r -> assertThat(r.method() + " " + r.uri())
                .isEqualTo("POST /api/v1/sessions/ganchos/webhooks/deliveries/" + failed.get("id") + "/retry"));
    }

    @Test
    void theLiveFeedResumesWhereItStoppedAfterAReconnect() {
        page.open(Sessions.ADMIN_KEY);
        browser.await("the live feed", () -> "live".equals(browser.find("feed-state").getText()));
        GatewayDatabase.event("test", "retomada", "message.received", "{\"text\":\"before the pause\"}");
        browser.await("the first event", () -> browser.find("feed").getText().contains("before the pause"));

        browser.find("feed-toggle").click();
        browser.await("the feed paused", () -> "paused".equals(browser.find("feed-state").getText()));
        GatewayDatabase.event("test", "retomada", "message.received", "{\"text\":\"while away 1\"}");
        GatewayDatabase.event("test", "retomada", "message.received", "{\"text\":\"while away 2\"}");
        browser.find("feed-toggle").click();
        browser.await("what was recorded meanwhile", () -> browser.find("feed").getText().contains("while away 2"));
        String feed = browser.find("feed").getText();
        assertThat(feed).contains("while away 1");
        assertThat(feed.split("before the pause", -1)).as("the first event, once").hasSize(2);
        browser.screenshot("inbox-feed-resumed");
    }

    @Test
    void anAlbumShowsAsOneMessageWithItsPhotosAndTheirCaptions() throws IOException {
        PodInbox inbox = session("galeria");
        inbox.received(CUSTOMER, "Maria", "Vou mandar as fotos");
        Map<String, Object> album = inbox.album(CUSTOMER, 2, 0);
        inbox.inAlbum(album, inbox.file(CUSTOMER, "in", "image", "image/png", "frente.png", "Frente", SessionPodStandIn.png("front")));
        inbox.inAlbum(album, inbox.file(CUSTOMER, "in", "image", "image/png", "verso.png", "Verso", SessionPodStandIn.png("back")));
        page.openSession(Sessions.ADMIN_KEY, "test", "galeria");

        browser.await("Maria's chat", () -> chat(CUSTOMER)).click();
        browser.await("the album's two photos shown", () -> (Boolean) browser.script(
                "const imgs = [...document.querySelectorAll('#thread li.msg .album img.media')];"
                        + " return imgs.length === 2 && imgs.every(img => img.complete && img.naturalWidth > 0)"));
        List<WebElement> shown = browser.driver().findElements(By.cssSelector("#thread > li"));
        assertThat(shown).as("the text, then the album as one message holding its photos").hasSize(2);
        assertThat(shown.get(1).getText()).contains("Album · 2 photos", "Frente", "Verso");
        browser.screenshot("inbox-album");
    }

    @Test
    void buttonsListsTheChoicesMadeProductsAndOrdersShowAsTheirCards() {
        PodInbox inbox = session("vitrine");
        Map<String, Object> buttons = inbox.structured(CUSTOMER, "out", "buttons", "Confirma a entrega?", "buttons",
                Map.of("text", "Confirma a entrega?", "footer", "Loja 70",
                        "buttons", List.of(Map.of("id", "sim", "text", "Sim"), Map.of("id", "nao", "text", "Não"))));
        inbox.structured(CUSTOMER, "in", "button_reply", "Não", "reply",
                Map.of("type", "button_reply", "selectedId", "nao", "selectedText", "Não")).put("quotedMessageId", buttons.get("id"));
        inbox.structured(CUSTOMER, "out", "list", "Escolha o horário", "list", Map.of("text", "Escolha o horário",
                "buttonText", "Ver horários", "sections", List.of(
                        Map.of("title", "Manhã", "rows", List.of(Map.of("id", "9h", "title", "09:00", "description", "Com café"))),
                        Map.of("title", "Tarde", "rows", List.of(Map.of("id", "14h", "title", "14:00"))))));
        inbox.structured(CUSTOMER, "in", "list_reply", "14:00", "reply",
                Map.of("type", "list_reply", "selectedId", "14h", "selectedText", "14:00"));
        inbox.structured(CUSTOMER, "out", "product", "Chegou hoje", "product", Map.of("productId", "7002", "title", "Rolo de lã",
                "description", "Lã de carneiro, 23 cm", "price", 24_500L, "currency", "BRL", "body", "Chegou hoje", "footer", "Loja 70"));
        inbox.structured(CUSTOMER, "in", "order", "Pode entregar amanhã?", "order", Map.of("orderId", "ord-1", "title", "Pedido da Maria",
                "message", "Pode entregar amanhã?", "itemCount", 2, "total", 49_000L, "currency", "BRL", "items", List.of(
                        Map.of("productId", "7002", "name", "Rolo de lã", "price", 24_500L, "currency", "BRL", "quantity", 2))));
        page.openSession(Sessions.ADMIN_KEY, "test", "vitrine");

        browser.await("Maria's chat", () -> chat(CUSTOMER)).click();
        browser.await("the thread", () -> browser.find("thread").getText().contains("Pode entregar amanhã?"));
        List<String> shown = browser.driver().findElements(By.cssSelector("#thread > li")).stream().map(WebElement::getText).toList();
        assertThat(shown).hasSize(6);
        assertThat(shown.get(0)).as("the buttons under their text and footer").contains("Confirma a entrega?", "Loja 70", "Sim", "Não");
        assertThat(shown.get(1)).as("the tap, quoting the buttons").contains("Confirma a entrega?", "chose Não");
        assertThat(shown.get(2)).as("the list in its sections").contains("Escolha o horário", "Ver horários", "Manhã",
                "09:00 — Com café", "Tarde", "14:00");
        assertThat(shown.get(3)).contains("chose 14:00");
        assertThat(shown.get(4)).as("the product card").contains("Rolo de lã", "BRL 24.50", "Lã de carneiro, 23 cm", "Chegou hoje", "Loja 70");
        assertThat(shown.get(5)).as("the order").contains("Order Pedido da Maria · 2 items · BRL 49.00", "2 × Rolo de lã · BRL 24.50",
                "Pode entregar amanhã?");
        assertThat(shown.get(0).split("Confirma a entrega\\?", -1)).as("the text shown once").hasSize(2);
        browser.screenshot("inbox-business-cards");
        assertThat(Accessibility.violations(browser)).as("accessibility violations, the cards shown").isEmpty();
    }

    @Test
    void aCarouselShowsAsItsCardsAndAnHdPhotoCarriesItsBadge() throws IOException {
        PodInbox inbox = session("bolos");
        inbox.structured(CUSTOMER, "out", "carousel", "Nossos bolos", "carousel", Map.of("text", "Nossos bolos", "footer", "Loja 70",
                "cards", List.of(
                        Map.of("image", Map.of("mimeType", "image/jpeg"), "title", "Chocolate", "body", "Bolo de 1 kg",
                                "footer", "R$ 60", "buttons", List.of(Map.of("id", "choco", "text", "Comprar"))),
                        Map.of("image", Map.of("mimeType", "image/jpeg"), "title", "Cenoura", "body", "Com cobertura",
                                "buttons", List.of(Map.of("id", "cenoura", "text", "Quero este"))))));
        inbox.file(CUSTOMER, "out", "image", "image/png", "bolo.png", "Bolo inteiro", SessionPodStandIn.png("cake")).put("hd", true);
        inbox.file(CUSTOMER, "out", "image", "image/png", "fatia.png", "Comum", SessionPodStandIn.png("slice"));
        page.openSession(Sessions.ADMIN_KEY, "test", "bolos");

        browser.await("Maria's chat", () -> chat(CUSTOMER)).click();
        browser.await("the thread", () -> browser.find("thread").getText().contains("Comum"));
        List<WebElement> shown = browser.driver().findElements(By.cssSelector("#thread > li"));
        assertThat(shown).hasSize(3);
        String carousel = shown.get(0).getText();
        assertThat(carousel).as("the text, footer and each card in order").containsSubsequence("Nossos bolos", "Chocolate",
                "Bolo de 1 kg", "R$ 60", "Comprar", "Cenoura", "Com cobertura", "Quero este", "Loja 70");
        assertThat(carousel.split("Nossos bolos", -1)).as("the text shown once").hasSize(2);
        assertThat(shown.get(0).findElements(By.cssSelector(".carousel-card [role=img]"))).as("a picture's place on each card")
                .hasSize(2);
        assertThat(shown.get(1).getText()).as("the HD badge").contains("HD", "Bolo inteiro");
        assertThat(shown.get(2).getText()).contains("Comum").doesNotContain("HD");
        browser.screenshot("inbox-carousel");
        assertThat(Accessibility.violations(browser)).as("accessibility violations, the carousel shown").isEmpty();
    }

    @Test
    void aContactsUsernameShowsBesideTheirNameInTheChatsAndTheThread() {
        PodInbox inbox = session("apelidos");
        inbox.received(CUSTOMER, "Maria", "Oi, sou a Maria", "maria.loja");
        inbox.received(OTHER, "João", "Bom dia");
        page.openSession(Sessions.ADMIN_KEY, "test", "apelidos");

        WebElement maria = browser.await("Maria's chat", () -> chat(CUSTOMER));
        assertThat(maria.findElement(By.className("username")).getText()).isEqualTo("@maria.loja");
        assertThat(chat(OTHER).findElements(By.className("username"))).as("no username told, none shown").isEmpty();
        maria.click();
        browser.await("the thread", () -> browser.find("thread").getText().contains("Oi, sou a Maria"));
        assertThat(browser.driver().findElement(By.cssSelector("#thread li.msg.in .sender")).getText()).isEqualTo("Maria @maria.loja");
        browser.screenshot("inbox-username");
    }

    @Test
    void thePageWorksByKeyboardAndPassesAnAccessibilityCheck() {
        session("acessivel").received(CUSTOMER, "Ana", "Olá");
        browser.open(root.toString());
        if (browser.find("logout").isDisplayed()) {
            browser.find("logout").click();
        }
        browser.find("login-key").sendKeys(Sessions.ADMIN_KEY, Keys.ENTER);
        browser.await("the sessions table", () -> browser.find("app").isDisplayed());
        assertThat(Accessibility.violations(browser)).as("accessibility violations, logged in").isEmpty();

        WebElement open = browser.await("the row", () -> page.row("test", "acessivel")).findElement(By.className("open"));
        tabTo(open);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.await("the session's detail", () -> browser.find("detail-name").getText().equals("test/acessivel"));
        tabTo(browser.await("Ana's chat", () -> chat(CUSTOMER)));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.await("the thread", () -> browser.find("thread").getText().contains("Olá"));
        browser.screenshot("inbox-keyboard");
        assertThat(Accessibility.violations(browser)).as("accessibility violations, a chat open").isEmpty();
    }

    /** Presses Tab until {@code target} has the focus, as a keyboard user would reach it. */
    private void tabTo(WebElement target) {
        for (int presses = 0; presses < 80; presses++) {
            if (browser.driver().switchTo().activeElement().equals(target)) {
                return;
            }
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        throw new AssertionError("Tab never reached " + target.getText());
    }

    private PodInbox session(String name) {
        sessions.applied("test", name, Map.of());
        sessions.withApiKey("test", name, SessionPodStandIn.POD_KEY);
        return InboxPodStandIn.inbox(name);
    }

    /** The pod records an event about what it stored, as it does with every change. */
    private static void recorded(String session, String type) {
        GatewayDatabase.event("test", session, type, "{}");
    }

    /** What the operator writes when the pod reports an error. */
    private void failing(String name, String reason, String message) {
        client.resources(WhatsAppSession.class).inNamespace("test").withName(name).editStatus(s -> {
            WhatsAppSessionStatus status = new WhatsAppSessionStatus();
            status.setPhase(SessionPhase.Reconnecting);
            status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("False")
                    .withReason(reason).withMessage(message).build()));
            s.setStatus(status);
            return s;
        });
    }

    private WebElement chat(String jid) {
        return browser.driver().findElements(By.cssSelector("#chats li")).stream()
                .filter(item -> jid.equals(item.getDomAttribute("data-chat")))
                .map(item -> item.findElement(By.tagName("button"))).findFirst().orElse(null);
    }

    private WebElement message(Map<String, Object> message) {
        return browser.driver().findElements(By.cssSelector("#thread li.msg")).stream()
                .filter(item -> message.get("id").equals(item.getDomAttribute("data-id"))).findFirst().orElse(null);
    }

    private WebElement action(Map<String, Object> message, String label) {
        return browser.await(label, () -> message(message)).findElement(By.cssSelector("button[aria-label='" + label + "']"));
    }

    private List<WebElement> deliveries() {
        return browser.driver().findElements(By.cssSelector("#deliveries tbody tr"));
    }

    private static Map<String, Object> last(PodInbox inbox, String text) {
        return inbox.thread(CUSTOMER).stream().filter(m -> text.equals(m.get("text"))).findFirst().orElse(null);
    }

    private static boolean sameBytes(Path file, byte[] expected) {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(file), expected);
        } catch (IOException e) {
            return false;
        }
    }
}
