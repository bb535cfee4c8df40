package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session's volume is lost (a node and its local disk, a deleted claim) while its PostgreSQL is kept (issue 42):
 * the packaged pod started on an empty volume with the same database puts its WhatsApp key store back from the copy
 * in PostgreSQL and connects as the same device, without a QR; its customers still read it and it reads them. Its rows
 * moved to another namespace (docs/backup.md), the session comes up there the same way, with its messages. A logout
 * deletes the copy, so a phone linked later never comes back as the old device.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VolumeLossIT {

    private static final String OWNER = "5511999990421";
    private static final String CUSTOMER = "5511988880422";
    private static final String SESSION = "loja-42";
    private static final String MOVED_TO = "e2e-moved";

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;

    @BeforeAll
    void startALinkedSession() {
        try {
            world = PodAgainstSimulator.create(workDir, SESSION, Map.of());
        } catch (java.io.IOException noDatabase) {
            throw new IllegalStateException(noDatabase);
        }
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aPodStartedOnAnEmptyVolumeWithTheSameDatabaseConnectsAsTheSameDeviceWithoutAQr() throws Exception {
        customerWritesAndTheSessionStoresIt("Bom dia, ainda tem pão de queijo?");
        sessionWritesAndTheCustomerReadsIt("Temos sim, quentinho.");
        long before = world.lastEventId();
        world.stopPod();
        KeyStoreCopies.deleteTree(world.dataDir());

        world.startPod();

        var connected = world.awaitPhase("Connected");
        assertThat(world.eventsAfter("session.qr", before)).as("no QR: the device was restored").isEmpty();
        assertThat(connected.getString("account.phoneNumber")).isEqualTo(OWNER);
        assertThat(connected.getString("storeRepair.reason")).isEqualTo("KeyStoreRestoredFromDatabase");
        assertThat(world.eventsAfter("session.store_repaired", before)).singleElement().satisfies(event ->
                assertThat(PodAgainstSimulator.payload(event)).containsEntry("reason", "KeyStoreRestoredFromDatabase"));
        customerWritesAndTheSessionStoresIt("Então separa seis pra mim");
        sessionWritesAndTheCustomerReadsIt("Separados!");
    }

    @Test
    @Order(2)
    void aSessionMovedToAnotherNamespaceWithItsRowsComesUpThereLinkedWithItsMessages() throws Exception {
        long before = world.lastEventId();
        world.stopPod();
        moveInTheDatabase(PodAgainstSimulator.NAMESPACE, MOVED_TO);
        KeyStoreCopies.deleteTree(world.dataDir()); // another cluster: another volume
        world.setEnvironment("KUBEZAP_NAMESPACE", MOVED_TO);

        world.startPod();

        world.awaitPhase("Connected");
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        assertThat(world.incomingTexts()).contains("Bom dia, ainda tem pão de queijo?", "Então separa seis pra mim");
        customerWritesAndTheSessionStoresIt("Chego às 10h");
        assertThat(copiesInTheDatabase(PodAgainstSimulator.NAMESPACE)).isZero();
        assertThat(copiesInTheDatabase(MOVED_TO)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aLogoutDeletesTheCopySoTheOldDeviceCannotComeBack() {
        world.api().post("/logout").then().statusCode(200);

        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> copiesInTheDatabase(MOVED_TO), copies -> copies == 0);
    }

    private void customerWritesAndTheSessionStoresIt(String text) {
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, text);
    }

    private void sessionWritesAndTheCustomerReadsIt(String text) {
        String id = world.api().body(Map.of("to", CUSTOMER, "text", text)).post("/messages")
                .then().statusCode(202).extract().path("id");
        var message = world.awaitAtPhone(CUSTOMER, world.awaitSent(id));
        assertThat(message).containsEntry("text", text);
    }

    /** What docs/backup.md has the database admin do. */
    private void moveInTheDatabase(String from, String to) throws SQLException {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement("select kubezap_move_session(?, ?, ?)")) {
            statement.setString(1, from);
            statement.setString(2, to);
            statement.setString(3, SESSION);
            statement.execute();
        }
    }

    private int copiesInTheDatabase(String namespace) {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "select count(*) from key_store_mirrors where namespace = ? and session = ?")) {
            statement.setString(1, namespace);
            statement.setString(2, SESSION);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
