package io.kubezap.system;

import io.kubezap.contract.PairingMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code examples/session-qr.yaml} through a session's life, as its user lives it: applied, scanned, messaging,
 * then edited, suspended, crashed and deleted. Each step ends in what the user sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QrSessionLifecycleIT {

    static final String SESSION = "loja-01";
    static final String OWNER = "5511988880001";
    static final String CUSTOMER = "5511977770002";

    private final TheSystem system = TheSystem.get();

    @Test
    @Order(1)
    void theQrOfTheAppliedExampleRotatesAndAPhoneScanningItLinksTheSession() throws Exception {
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja Centro"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente"));

        system.apply("examples/session-qr.yaml", yaml -> yaml);

        String first = system.awaitQr(SESSION, "a QR", qr -> true);
        assertThat(first).startsWith("https://wa.me/settings/linked_devices#2@");
        // the workflow writes the Secret before the reconcile patches the status: the status follows, never first
        WhatsAppSession waiting = system.awaitSession(SESSION, "status.pairing",
                session -> session.getStatus().getPairing() != null);
        assertThat(waiting.getStatus().getPairing().method()).isEqualTo(PairingMethod.QR);
        // the chart's default shows the QR in the status too (session.pairingCodesInStatus)
        assertThat(waiting.getStatus().getQr()).as("status.qr").isNotNull();
        assertThat(waiting.getStatus().getQr().code()).startsWith("https://wa.me/settings/linked_devices#2@");
        String rotated = system.awaitQr(SESSION, "a new QR after the first", qr -> !first.equals(qr));

        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", rotated));

        WhatsAppSession ready = system.awaitSession(SESSION, "Ready=True", QrSessionLifecycleIT::ready);
        assertThat(ready.getStatus().getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(ready.getStatus().getPairing()).isNull();
        assertThat(ready.getStatus().getAccount().phoneNumber()).contains(OWNER);
        system.awaitSession(SESSION, "the account's push name", s -> s.getStatus().getAccount() != null
                && "Loja Centro".equals(s.getStatus().getAccount().pushName()));
        assertThat(system.eventReasons(SESSION)).contains("PodCreated");
    }

    @Test
    @Order(2)
    void aTextSentThroughTheSessionsServiceReachesThePhone() {
        JsonNode sent = system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", "Bom dia! Seu pedido saiu."));
        assertThat(sent.path("id").asText()).isNotBlank();

        TheSystem.await("the customer's phone to receive the text", () ->
                system.inboxHas(CUSTOMER, "Bom dia! Seu pedido saiu."));
    }

    @Test
    @Order(3)
    void anEditedWebhookListRollsThePodWhichThenSignsTheAnswerWithTheNamedSecret() throws Exception {
        var before = system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").orElseThrow();
        long pidBefore = before.process().orElseThrow().pid();
        system.client().resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("loja-hooks").withNamespace(TheSystem.NAMESPACE)
                .withLabels(Map.of("kubezap.io/session-secret", "true")).endMetadata()
                .withStringData(Map.of("hmac", HOOK_SECRET)).build()).create();
        system.editSession(SESSION, spec -> {
            var hook = new io.kubezap.api.v1alpha1.Webhook();
            hook.setUrl(system.webhooks().url("/loja"));
            hook.setEvents(java.util.List.of("message.received"));
            var ref = new io.kubezap.api.v1alpha1.SecretKeyRef();
            ref.setName("loja-hooks");
            ref.setKey("hmac");
            hook.setSecretRef(ref);
            spec.setWebhooks(java.util.List.of(hook));
        });

        TheSystem.await("the pod to roll to the new template", () -> system.node().pod(TheSystem.NAMESPACE, SESSION + "-0")
                .filter(pod -> !pod.revision().equals(before.revision()))
                .flatMap(pod -> pod.process()).isPresent());
        system.awaitSession(SESSION, "Ready=True after the roll", s -> ready(s)
                && system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").flatMap(p -> p.process())
                .map(p -> p.pid() != pidBefore).orElse(false));

        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Que horas chega?"));

        var delivery = system.awaitDelivery("/loja", "Que horas chega?");
        new com.standardwebhooks.Webhook(HOOK_SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .verify(delivery.body(), delivery.headerLists());
        assertThat(TheSystem.JSON.readTree(delivery.body()).path("event").asText()).isEqualTo("message.received");
    }

    @Test
    @Order(4)
    void suspendedTheProcessStopsAndResumedItReconnectsWithoutAQr() {
        ProcessHandle running = podProcess();
        QrWatch qrs = new QrWatch();

        system.editSession(SESSION, spec -> spec.setSuspend(true));
        system.awaitSession(SESSION, "phase Suspended", s -> s.getStatus().getPhase() == SessionPhase.Suspended);
        TheSystem.await("the pod's process to stop", () -> !running.isAlive()
                && system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").isEmpty());
        assertThat(system.client().apps().statefulSets().inNamespace(TheSystem.NAMESPACE).withName(SESSION).get()
                .getSpec().getReplicas()).isZero();

        system.editSession(SESSION, spec -> spec.setSuspend(false));
        system.awaitSession(SESSION, "Ready=True after resuming", s -> qrs.saw(s) && ready(s)
                && s.getStatus().getPhase() == SessionPhase.Connected);
        assertThat(qrs.seen).as("QR codes shown while resuming").isEmpty();
    }

    @Test
    @Order(5)
    void killedTheProcessIsRestartedAndReconnectsWithoutAQrLosingNothing() throws Exception {
        ProcessHandle running = podProcess();
        int restarts = system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").orElseThrow().restarts();
        QrWatch qrs = new QrWatch();

        running.destroyForcibly(); // SIGKILL

        TheSystem.await("the node to restart the container", () -> system.node().pod(TheSystem.NAMESPACE, SESSION + "-0")
                .map(pod -> pod.restarts() == restarts + 1 && pod.process().isPresent()).orElse(false));
        TheSystem.await("the pod status to count the restart", () -> system.client().pods().inNamespace(TheSystem.NAMESPACE)
                .withName(SESSION + "-0").get().getStatus().getContainerStatuses().getFirst().getRestartCount() == restarts + 1);
        system.awaitSession(SESSION, "Ready=True after the restart", s -> qrs.saw(s) && ready(s)
                && s.getStatus().getPhase() == SessionPhase.Connected);
        assertThat(qrs.seen).as("QR codes shown after the restart").isEmpty();

        var texts = new java.util.ArrayList<String>();
        system.sessionApi(SESSION, "GET", "/messages?limit=100", null).path("items")
                .forEach(message -> texts.add(message.path("text").asText()));
        assertThat(texts).as("messages stored before the kill").contains("Bom dia! Seu pedido saiu.", "Que horas chega?");
        system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", "Chega às 15h."));
        TheSystem.await("the customer's phone to receive the text sent after the restart", () ->
                system.inboxHas(CUSTOMER, "Chega às 15h."));
    }

    @Test
    @Order(6)
    void deletedWithLogoutOnDeleteThePhoneSeesTheDeviceUnlinkedAndTheFinalizerGoes() {
        ProcessHandle running = podProcess();
        system.editSession(SESSION, spec -> spec.setLogoutOnDelete(true));

        system.deleteAndSeeTheDeviceUnlinked(SESSION, OWNER);

        TheSystem.await("the pod's process to stop once its objects are collected", () -> !running.isAlive());
    }

    private ProcessHandle podProcess() {
        return system.node().pod(TheSystem.NAMESPACE, SESSION + "-0").flatMap(pod -> pod.process()).orElseThrow();
    }

    /** Every code waiting to link a phone that the session's status told of while it was watched. */
    static final class QrWatch {
        final java.util.Set<String> seen = new java.util.LinkedHashSet<>();

        boolean saw(WhatsAppSession session) {
            if (session.getStatus().getPairing() != null) {
                seen.add(session.getStatus().getPairing().toString());
            }
            return true;
        }
    }

    static final String HOOK_SECRET = "a-long-random-shared-secret-for-loja";

    static boolean ready(WhatsAppSession session) {
        return session.getStatus().condition(WhatsAppSessionStatus.CONDITION_READY)
                .map(condition -> "True".equals(condition.getStatus())).orElse(false);
    }
}
