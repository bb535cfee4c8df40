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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key store a crash (or a bad disk) left unreadable, met at the next start of the packaged pod (issue 34: a
 * CrashLoopBackOff that only re-linking the phone ended). A torn current copy costs nothing the user sees: the session
 * comes back linked, without a QR, and still reads its customers. With no readable copy at all (on the volume, nor in
 * PostgreSQL) the pod still starts, and asks to be linked again. Either way the session says so: the state's {@code storeRepair} and a
 * {@code session.store_repaired} event (for the operator's Event and condition).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyStoreRecoveryIT {

    private static final String OWNER = "5511999990061";
    private static final String CUSTOMER = "5511988880062";

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;

    @BeforeAll
    void startALinkedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-61", Map.of());
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
    void aPodKilledAndFoundWithATornKeyFileStartsLinkedWithoutAQrAndStillReadsItsCustomers() throws Exception {
        customerWritesAndTheSessionStoresIt("Oi, vocês entregam hoje?");
        long before = world.lastEventId();
        world.killPod();
        tornAsByAPowerLoss(keysFile());

        world.startPod();

        var connected = world.awaitPhase("Connected");
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        assertThat(connected.getString("storeRepair.reason")).isEqualTo("KeyStoreRestored");
        assertThat(connected.getString("storeRepair.message")).contains("keys.proto");
        assertThat(world.eventsAfter("session.store_repaired", before)).singleElement()
                .satisfies(event -> assertThat(PodAgainstSimulator.payload(event)).containsEntry("reason", "KeyStoreRestored"));
        customerWritesAndTheSessionStoresIt("Então me manda o cardápio");
    }

    @Test
    @Order(2)
    void aPodWithNoReadableKeyFileNorACopyInPostgresqlStartsAndAsksToBeLinkedAgainInsteadOfFailingEveryStart() throws Exception {
        world.killPod();
        var keys = keysFile();
        Files.write(keys, new byte[256]);
        Files.write(keys.resolveSibling(".keys.proto.previous"), new byte[256]);
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("delete from key_store_mirrors"); // with it, the device would be restored (VolumeLossIT)
        }

        world.startPod();

        var waiting = world.awaitPhase("WaitingForQR");
        assertThat(waiting.getString("storeRepair.reason")).isEqualTo("KeyStoreUnreadable");
    }

    /** A file whose new length reached the disk but not its last blocks: its second half reads as zeros. */
    private static void tornAsByAPowerLoss(Path file) throws IOException {
        var bytes = Files.readAllBytes(file);
        Arrays.fill(bytes, bytes.length / 2, bytes.length, (byte) 0);
        Files.write(file, bytes);
    }

    private void customerWritesAndTheSessionStoresIt(String text) {
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, text);
    }

    private Path keysFile() throws IOException {
        var whatsapp = world.dataDir().resolve("whatsapp");
        var device = Files.readString(whatsapp.resolve("session-id")).trim();
        return whatsapp.resolve("web").resolve(device).resolve("keys.proto");
    }
}
