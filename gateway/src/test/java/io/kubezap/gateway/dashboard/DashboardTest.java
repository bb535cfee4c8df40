package io.kubezap.gateway.dashboard;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.api.v1alpha1.PairingStatus;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PasskeyBrowserSnippet;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /} in a real headless Chromium: log in with a gateway key, see the sessions of the mock
 * API server, scan a QR that follows the session's status, and manage and use sessions from the page. Screenshots
 * of every step land in {@code target/screenshots}.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class DashboardTest extends InBrowser {

    @BeforeEach
    void setUp() {
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void aWrongKeyIsRefusedAndTheRightOneShowsTheSessionsWithPhaseAndPhone() {
        sessions.applied("test", "linked", Map.of());
        status("test", "linked", SessionPhase.Connected, null, "5511988887777");
        sessions.applied("shop", "fresh", Map.of());
        status("shop", "fresh", SessionPhase.WaitingForQR, null, null);

        browser.open(root.toString());
        if (browser.find("logout").isDisplayed()) {
            browser.find("logout").click();
        }
        browser.type("login-key", "not-a-key");
        browser.find("login").submit();
        browser.await("the login error", () -> browser.find("login-error").getText().contains("not valid"));
        browser.screenshot("login-refused");

        browser.type("login-key", Sessions.ADMIN_KEY);
        browser.find("login").submit();
        browser.await("both sessions", () -> row("test", "linked") != null && row("shop", "fresh") != null);
        assertThat(cell("test", "linked", "phase")).isEqualTo("Connected");
        assertThat(cell("test", "linked", "phone")).isEqualTo("5511988887777");
        assertThat(cell("shop", "fresh", "phase")).isEqualTo("WaitingForQR");
        browser.screenshot("sessions");
    }

    @Test
    void theQrOnTheScreenIsTheSessionsAndFollowsItsStatus() {
        sessions.applied("test", "scan", Map.of());
        sessions.withApiKey("test", "scan", SessionPodStandIn.POD_KEY);
        showQr("scan", "2@first-qr-payload,abc,def");
        openSession("test", "scan");

        browser.await("the first QR", () -> "2@first-qr-payload,abc,def".equals(qrOnScreen()));
        browser.screenshot("qr-first");

        showQr("scan", "2@second-qr-payload,ghi,jkl");
        browser.await("the rotated QR", () -> "2@second-qr-payload,ghi,jkl".equals(qrOnScreen()));
        browser.screenshot("qr-rotated");

        status("test", "scan", SessionPhase.Connected, null, "5511900001111");
        browser.await("no QR once linked", () -> !browser.find("qr").isDisplayed());
    }

    @Test
    void aSessionCreatedFromThePageBecomesACustomResource() {
        openDashboard();
        browser.type("create-name", "made-in-browser");
        browser.type("create-namespace", "shop");
        browser.type("create-display", "Made in the browser");
        browser.find("create").submit();

        WhatsAppSession created = browser.await("the created resource", () -> sessions.get("shop", "made-in-browser"));
        assertThat(created.getSpec().getDisplayName()).isEqualTo("Made in the browser");
        browser.await("the new row", () -> row("shop", "made-in-browser") != null);
        browser.screenshot("created");
    }

    @Test
    void suspendAndDeleteFromThePageChangeTheResource() {
        sessions.applied("test", "pausable", Map.of());
        openSession("test", "pausable");

        browser.find("suspend").click();
        browser.driver().switchTo().alert().dismiss();
        assertThat(sessions.get("test", "pausable").getSpec().getSuspend()).as("suspended without a confirmation").isNotEqualTo(Boolean.TRUE);
        browser.find("suspend").click();
        browser.answerDialog("pausable-not"); // issue 51, item 10: the name must be typed, not just a click on OK
        browser.await("the refusal", () -> browser.find("message").getText().contains("the name typed was not pausable"));
        assertThat(sessions.get("test", "pausable").getSpec().getSuspend()).as("suspended with another name typed").isNotEqualTo(Boolean.TRUE);
        browser.find("suspend").click();
        browser.answerDialog("pausable");
        browser.await("spec.suspend true", () -> Boolean.TRUE.equals(sessions.get("test", "pausable").getSpec().getSuspend()));
        browser.await("the Resume button", () -> "Resume".equals(browser.find("suspend").getText()));
        browser.screenshot("suspended");

        browser.find("delete").click();
        browser.answerDialog("pausable");
        browser.await("the resource gone", () -> sessions.get("test", "pausable") == null);
        browser.await("the row gone", () -> row("test", "pausable") == null);
        browser.screenshot("deleted");
    }

    /**
     * Issue 51, item 10: a call from the browser that ends a session, scripted in the page or replayed, is refused
     * without a fresh confirmation for that session; a confirmation works once, for its own action and session.
     */
    @Test
    void aScriptedOrReplayedCallFromTheBrowserCannotEndASession() {
        sessions.applied("test", "kept", Map.of());
        sessions.applied("test", "other", Map.of());
        openSession("test", "kept");
        String path = "/api/v1/namespaces/test/sessions/";

        assertThat(inPage("DELETE", path + "kept", null)).as("a delete without confirmation").isEqualTo(428L); // before: 202
        assertThat(inPage("PATCH", path + "kept", null)).as("a suspend without confirmation").isEqualTo(428L);
        assertThat(inPage("POST", path + "kept/logout", null)).as("a logout without confirmation").isEqualTo(428L);

        String forOther = confirmation("other", "delete");
        assertThat(inPage("DELETE", path + "kept", forOther)).as("another session's confirmation").isEqualTo(428L);
        String forSuspend = confirmation("kept", "suspend");
        assertThat(inPage("DELETE", path + "kept", forSuspend)).as("another action's confirmation").isEqualTo(428L);
        assertThat(sessions.get("test", "kept")).isNotNull();

        String forDelete = confirmation("kept", "delete");
        assertThat(inPage("DELETE", path + "other", forDelete)).isEqualTo(428L);
        assertThat(inPage("DELETE", path + "kept", forDelete)).isEqualTo(202L);
        sessions.applied("test", "kept", Map.of());
        assertThat(inPage("DELETE", path + "kept", forDelete)).as("the same confirmation replayed").isEqualTo(428L);
        assertThat(sessions.get("test", "kept")).isNotNull();
    }

    /** A confirmation for {@code action} on session {@code name}, asked for from the page as the dashboard does. */
    private String confirmation(String name, String action) {
        String answer = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/confirmations', {method: 'POST',
                    headers: {'X-Api-Key': sessionStorage.getItem('kubezap.gatewayKey'), 'Content-Type': 'application/json'},
                    body: JSON.stringify({action: arguments[1], namespace: 'test', session: arguments[0]})})
                  .then(r => r.text()).then(done, e => done(String(e)));""", name, action);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
        assertThat(token.find()).as("a confirmation, not: " + answer).isTrue();
        return token.group(1);
    }

    /** The status of a call a script in the page makes with the page's key (and a confirmation, unless null). */
    private Long inPage(String method, String path, String confirmation) {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = {'X-Api-Key': sessionStorage.getItem('kubezap.gatewayKey'),
                                 'Content-Type': 'application/merge-patch+json'};
                if (arguments[2]) { headers['X-Kubezap-Confirmation'] = arguments[2]; }
                fetch(arguments[1], {method: arguments[0], headers,
                    body: arguments[0] === 'DELETE' ? undefined : JSON.stringify({suspend: true})})
                  .then(r => done(r.status), e => done(-1));""", method, path, confirmation);
    }

    @Test
    void aTestTextAndAPairingCodeRequestReachTheSessionsPod() {
        sessions.applied("test", "talker", Map.of());
        sessions.withApiKey("test", "talker", SessionPodStandIn.POD_KEY);
        openSession("test", "talker");

        browser.type("send-to", "5511977776666");
        browser.type("send-text", "hello from the dashboard");
        browser.find("send").submit();
        browser.await("the accepted message", () -> browser.find("message").getText().contains("m-1 accepted"));
        assertThat(SessionPodStandIn.RECEIVED).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/api/v1/sessions/talker/messages");
            assertThat(r.apiKey()).isEqualTo(SessionPodStandIn.POD_KEY);
            assertThat(r.body()).contains("\"to\":\"5511977776666\"", "\"text\":\"hello from the dashboard\"");
        });
        browser.screenshot("sent");

        browser.type("pairing-phone", "5511977776666");
        browser.find("pairing").submit();
        browser.await("the pairing code", () -> SessionPodStandIn.PAIRING_CODE.equals(browser.find("pairing-code").getText()));
        assertThat(SessionPodStandIn.RECEIVED).anySatisfy(r -> {
            assertThat(r.uri()).isEqualTo("/api/v1/sessions/talker/pairing-code");
            assertThat(r.body()).contains("\"phoneNumber\":\"5511977776666\"");
        });
        browser.screenshot("pairing-code");
    }

    @Test
    void aSessionWaitingForThePasskeyShowsTheSnippetForWebWhatsAppAndSendsThePastedAnswer() {
        sessions.applied("test", "guarded", Map.of());
        sessions.withApiKey("test", "guarded", SessionPodStandIn.POD_KEY);
        status("test", "guarded", SessionPhase.WaitingForPasskey, null, null);
        openSession("test", "guarded");

        browser.await("the passkey snippet", () -> browser.find("passkey").isDisplayed()
                && browser.find("passkey-snippet").getText().contains(SessionPodStandIn.PASSKEY_CHALLENGE));
        assertThat(browser.find("passkey-snippet").getText())
                .contains("PublicKeyCredential.parseRequestOptionsFromJSON", "navigator.credentials.get", "toJSON()");
        assertThat(browser.find("passkey-snippet").getText()).as("the snippet kubectl zap link prints, word for word")
                .isEqualTo(PasskeyBrowserSnippet.forChallenge(new PasskeyChallenge(SessionPodStandIn.PASSKEY_CHALLENGE, "whatsapp.com",
                        "{\"challenge\":\"" + SessionPodStandIn.PASSKEY_CHALLENGE + "\",\"rpId\":\"whatsapp.com\"}", null)));
        assertThat(browser.find("link").isDisplayed()).as("the QR and pairing-code box, spent once the phone approved").isFalse();
        browser.screenshot("passkey");

        browser.type("passkey-result", "not json");
        browser.find("passkey-answer").submit();
        browser.await("the refusal of what is not JSON", () -> browser.find("message").getText().contains("Paste the whole line"));

        browser.type("passkey-result", "{\"id\":\"cred-1\",\"rawId\":\"cred-1\",\"type\":\"public-key\",\"response\":{}}");
        browser.find("passkey-answer").submit();
        browser.await("the accepted answer", () -> browser.find("message").getText().contains("took the passkey answer"));
        assertThat(SessionPodStandIn.RECEIVED).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/api/v1/sessions/guarded/pairing/passkey");
            assertThat(r.body()).contains("\"rawId\":\"cred-1\"");
        });
    }

    @Test
    void theEventFeedShowsWhatSessionsRecord() {
        openDashboard();
        browser.await("the live feed", () -> "live".equals(browser.find("feed-state").getText()));
        GatewayDatabase.event("shop", "loja-feed", "message.received", "{\"text\":\"chegou agora\"}");
        browser.await("the event in the feed", () -> browser.find("feed").getText().contains("chegou agora"));
        assertThat(browser.find("feed").getText()).contains("shop/loja-feed message.received");
        browser.screenshot("feed");
    }

    @Test
    void aKeyForOneNamespaceSeesAndManagesOnlyThatNamespace() {
        sessions.applied("scoped", "inside", Map.of());
        sessions.applied("test", "outside", Map.of());
        sessions.gatewayKey("scoped-admin", "scoped-admin-key", "admin", "scoped", null);

        page.openSession("scoped-admin-key", "scoped", "inside");
        assertThat(page.rows()).as("the sessions listed").isNotEmpty().allMatch(r -> r.startsWith("scoped/"));
        browser.await("Suspend and Delete", () -> browser.find("suspend").isDisplayed() && browser.find("delete").isDisplayed());
        assertThat(browser.find("create").isDisplayed()).as("the create form").isTrue();
        assertThat(browser.find("pairing").isDisplayed()).as("the pairing form").isTrue();
        browser.screenshot("namespace-key");
    }

    @Test
    void aSendKeyGetsNeitherSuspendNorDeleteNorCreateButItSends() {
        sessions.applied("test", "sendable", Map.of());
        sessions.withApiKey("test", "sendable", SessionPodStandIn.POD_KEY);
        sessions.gatewayKey("sender", "send-key-for-tests", "send", "*", null);

        page.openSession("send-key-for-tests", "test", "sendable");
        browser.await("the create form gone", () -> !browser.find("create").isDisplayed());
        browser.await("the pairing form gone", () -> !browser.find("pairing").isDisplayed());
        assertThat(browser.find("suspend").isDisplayed()).as("Suspend").isFalse();
        assertThat(browser.find("delete").isDisplayed()).as("Delete").isFalse();
        browser.type("send-to", "5511977776666");
        browser.find("send").submit();
        browser.await("the accepted message", () -> browser.find("message").getText().contains("accepted"));
        browser.screenshot("send-key");
    }

    private void openDashboard() {
        page.open(Sessions.ADMIN_KEY);
    }

    private void openSession(String namespace, String name) {
        page.openSession(Sessions.ADMIN_KEY, namespace, name);
    }

    private WebElement row(String namespace, String name) {
        return page.row(namespace, name);
    }

    private String cell(String namespace, String name, String column) {
        return page.cell(namespace, name, column);
    }

    /** What a phone would read off the screen, or null when there is no readable QR. */
    private String qrOnScreen() {
        WebElement qr = browser.find("qr");
        if (!qr.isDisplayed()) {
            return null;
        }
        try {
            var image = ImageIO.read(new ByteArrayInputStream(qr.getScreenshotAs(OutputType.BYTES)));
            return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(image)))).getText();
        } catch (NotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pod shows a new QR; the operator tells its expiry (not the code) in the session's status, as they do for real. */
    private void showQr(String name, String code) {
        SessionPodStandIn.QR_CODES.put(name, code);
        status("test", name, SessionPhase.WaitingForQR, code, null);
    }

    private void status(String namespace, String name, SessionPhase phase, String qr, String phone) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).editStatus(s -> {
            WhatsAppSessionStatus status = new WhatsAppSessionStatus();
            status.setPhase(phase);
            if (qr != null) {
                status.setPairing(new PairingStatus(PairingMethod.QR, name + "-pairing", Instant.now().plusSeconds(60)));
            }
            if (phone != null) {
                status.setAccount(new Account(phone + "@s.whatsapp.net", phone, "Tester"));
            }
            s.setStatus(status);
            return s;
        });
    }
}
