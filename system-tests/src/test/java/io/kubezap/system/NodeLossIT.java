package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.system.node.LostPod;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 50, part 1: a session in storage mode {@code Database} loses its node. The node stand-in plays the cluster's
 * part ({@link io.kubezap.system.node.NodeStandIn#loseNodeOf}): the node goes NotReady, the pod's object stays (a
 * StatefulSet makes no second pod while it is there), and once the node is deleted (as a cloud's node controller or an
 * admin does; Kubernetes' own eviction waits 300 s first, which this test does not) the pod is made again on another
 * node, with an empty {@code emptyDir}. The session comes back Connected there from PostgreSQL, without a QR. After a
 * partition the lost pod comes back running, with what it had: the fencing token refuses it (its key store writes and
 * its connections, Cobalt's own reconnect after the {@code conflict} its cut-off socket held included), and the new pod
 * is the device's one login from the node's loss on.
 * <p>It prints how long the session took from the node's deletion to Connected on the new node ({@code NodeLossIT:}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeLossIT {

    static final String SESSION = "deposito";
    static final String POD = SESSION + "-0";
    static final String OWNER = "5511988880061";
    static final String CUSTOMER = "5511977770062";

    private final TheSystem system = TheSystem.get();

    @Test
    @Order(1)
    void aSessionInDatabaseModeIsLinked() throws Exception {
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Depósito"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do depósito"));
        system.apply("examples/session-qr.yaml", yaml -> yaml.replace("name: loja-01", "name: " + SESSION)
                .replace("    size: 1Gi", "    mode: Database\n    size: 1Gi"));

        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", system.awaitQr(SESSION, "a QR", qr -> true)));

        system.awaitSession(SESSION, "Ready=True", s -> QrSessionLifecycleIT.ready(s)
                && s.getStatus().getPhase() == SessionPhase.Connected);
        assertThat(system.client().apps().statefulSets().inNamespace(TheSystem.NAMESPACE).withName(SESSION).get()
                .getSpec().getVolumeClaimTemplates()).as("no volume in storage mode Database").isEmpty();
        system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", "Seu pedido foi separado."));
        TheSystem.await("the customer's phone to receive the text", () -> system.inboxHas(CUSTOMER, "Seu pedido foi separado."));
    }

    @Test
    @Order(2)
    void itsNodeLosesPowerAndTheSessionComesBackOnAnotherNodeWithoutAQr() throws Exception {
        LostPod lost = system.node().loseNodeOf(TheSystem.NAMESPACE, POD, LostPod.Loss.POWER_OFF);
        Thread.sleep(3000);
        assertThat(system.node().pod(TheSystem.NAMESPACE, POD)).as("no second pod while the first one's object is there").isEmpty();
        assertThat(podNode()).isEqualTo(lost.node());
        TheSystem.await("the lost pod's process to be gone", () -> !lost.processAlive());

        Duration connected = deleteTheNodeAndTimeTheSessionConnectedElsewhere(lost);

        // nobody scanned: Connected is the device it had, which the phone still lists as its one linked device
        assertThat(system.deviceStatuses(OWNER)).containsExactly("LINKED");
        assertThat(system.session(SESSION).getStatus().getAccount().phoneNumber()).contains(OWNER);
        assertThat(storedTexts()).as("stored before the node was lost").contains("Seu pedido foi separado.");
        customerWritesAndTheSessionAnswers("Já saiu?", "Sai em 10 minutos.");
        System.out.printf("NodeLossIT: power off: node deleted -> Connected on %s in %d ms (a JVM start, the key store"
                + " restored from PostgreSQL, a WhatsApp login)%n", podNode(), connected.toMillis());
    }

    @Test
    @Order(3)
    void afterAPartitionTheLostPodComesBackAndTheFencingTokenKeepsItOffWhatsApp() throws Exception {
        long beforeTheLoss = newestLogin();
        LostPod lost = system.node().loseNodeOf(TheSystem.NAMESPACE, POD, LostPod.Loss.PARTITION);
        assertThat(lost.processAlive()).as("the process runs on, cut off (frozen here)").isTrue();
        Duration connected = deleteTheNodeAndTimeTheSessionConnectedElsewhere(lost);

        lost.comeBack();

        JsonNode fenced = awaitStaleState(lost, state -> "KeyStoreTakenOver".equals(state.path("lastError").path("reason").asText()));
        assertThat(fenced.path("phase").asText()).isEqualTo("Reconnecting");
        TheSystem.await("the new pod Connected, on the device's one open connection", () -> openConnections().size() == 1
                && "Connected".equals(system.sessionApi(SESSION, "GET", "", null).path("phase").asText()));
        long openAfterTheFence = openConnections().getFirst();
        customerWritesAndTheSessionAnswers("Pode trocar o endereço?", "Trocado.");
        assertThat(openConnections()).as("the device's open connections, a text in and out later").containsExactly(openAfterTheFence);
        assertThat(awaitStaleState(lost, state -> true).path("phase").asText()).as("the lost pod, still running")
                .isEqualTo("Reconnecting");
        // Cobalt reconnects by itself after the conflict its cut-off socket held: the lease gate refuses that login
        // too, so the lost pod never cuts the new one off (WhatsApp logs out both when two clients share the keys)
        List<Long> loginsSinceTheLoss = deviceLoginsAfter(beforeTheLoss);

        lost.stopAsItsKubeletWould();
        System.out.printf("NodeLossIT: partition: node deleted -> Connected on %s in %d ms; the lost pod, back, was"
                        + " refused (KeyStoreTakenOver); device logins since the node was lost: %d%n", podNode(), connected.toMillis(),
                loginsSinceTheLoss.size());
        assertThat(loginsSinceTheLoss).as("the device's logins since its node was lost: the new pod's, once")
                .containsExactly(openAfterTheFence);
    }

    @Test
    @Order(4)
    void deletedTheSessionLogsOut() {
        system.editSession(SESSION, spec -> spec.setLogoutOnDelete(true));
        system.deleteAndSeeTheDeviceUnlinked(SESSION, OWNER);
    }

    /** Deletes the lost node; the time from then until the session's new pod answers Connected. */
    private Duration deleteTheNodeAndTimeTheSessionConnectedElsewhere(LostPod lost) {
        Instant deleted = Instant.now();
        system.node().deleteNode(lost.node());
        TheSystem.await("the session Connected on another node", () -> !lost.node().equals(podNode())
                && "Connected".equals(system.sessionApi(SESSION, "GET", "", null).path("phase").asText()));
        Duration connected = Duration.between(deleted, Instant.now());
        system.awaitSession(SESSION, "Ready=True on the new node", QrSessionLifecycleIT::ready);
        return connected;
    }

    private JsonNode awaitStaleState(LostPod lost, java.util.function.Predicate<JsonNode> condition) {
        var seen = new JsonNode[1];
        TheSystem.await("the lost pod's state to show what was asked", () -> {
            seen[0] = system.podApi(lost.localPort(SessionObjectNames.HTTP_PORT), SESSION, "GET", "");
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private void customerWritesAndTheSessionAnswers(String question, String answer) {
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", question));
        TheSystem.await("the session to store '" + question + "'", () -> storedTexts().contains(question));
        system.sessionApi(SESSION, "POST", "/messages", Map.of("to", CUSTOMER, "text", answer));
        TheSystem.await("the customer's phone to receive '" + answer + "'", () -> system.inboxHas(CUSTOMER, answer));
    }

    private List<String> storedTexts() {
        var texts = new ArrayList<String>();
        system.sessionApi(SESSION, "GET", "/messages?limit=100", null).path("items")
                .forEach(message -> texts.add(message.path("text").asText()));
        return texts;
    }

    private String podNode() {
        var pod = system.client().pods().inNamespace(TheSystem.NAMESPACE).withName(POD).get();
        return pod == null ? null : pod.getSpec().getNodeName();
    }

    private List<JsonNode> deviceConnections() {
        var found = new ArrayList<JsonNode>();
        system.control("GET", "/api/connections", null).forEach(connection -> {
            if (connection.path("deviceJid").asText().startsWith(OWNER)) {
                found.add(connection);
            }
        });
        return found;
    }

    /** The ids of the device's connections WhatsApp still holds open. */
    private List<Long> openConnections() {
        return deviceConnections().stream().filter(connection -> !"CLOSED".equals(connection.path("state").asText()))
                .map(connection -> connection.path("id").asLong()).toList();
    }

    /** The ids of the device's logins after the login {@code id}. */
    private List<Long> deviceLoginsAfter(long id) {
        return deviceConnections().stream().map(connection -> connection.path("id").asLong()).filter(login -> login > id).toList();
    }

    /** The id of the device's latest login. */
    private long newestLogin() {
        return deviceConnections().stream().mapToLong(connection -> connection.path("id").asLong()).max().orElseThrow();
    }
}
