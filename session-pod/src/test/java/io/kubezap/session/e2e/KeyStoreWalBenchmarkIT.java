package io.kubezap.session.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark, not a test (never in CI; nothing is asserted): the WAL PostgreSQL writes per message in storage mode
 * Database, the key store written whole ({@code KUBEZAP_KEY_STORE_ROWS=false}, as before issue 71) and as rows of the
 * entries that changed, side by side in one run. Each variant: the packaged pod (Cobalt) linked to the simulator on an
 * embedded PostgreSQL of its own, a text sent to each of {@code -Dbenchmark.contacts} (50) other contacts (a Signal
 * session each: the key store of a number that talks to people), a few warm-up texts each way, a checkpoint, then {@code -Dbenchmark.messages} (200)
 * texts sent, one after the other (each awaited at the phone), then as many received (each awaited in the pod's
 * store); {@code pg_current_wal_lsn()} before and after each series. The WAL counts everything the pod wrote for a
 * message (the message, its events, its outbox), the key store among it. Run through {@code scripts/bench keystore-wal}.
 */
@EnabledIfSystemProperty(named = "kubezap.bench", matches = "true")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class KeyStoreWalBenchmarkIT {

    private static final String OWNER = "5511999990071";
    private static final String CUSTOMER = "5511988880071";
    private static final int WARM_UP = 5;

    @TempDir
    Path workDir;

    @Test
    void measure() throws Exception {
        int messages = Integer.getInteger("benchmark.messages", 200);
        int contacts = Integer.getInteger("benchmark.contacts", 50);
        for (String rows : new String[]{"false", "true"}) {
            String variant = "true".equals(rows) ? "rows" : "whole copy";
            try (var world = PodAgainstSimulator.create(workDir.resolve("rows-" + rows), "bench-wal",
                    Map.of("KUBEZAP_STORAGE_MODE", "Database", "KUBEZAP_KEY_STORE_ROWS", rows,
                            "KUBEZAP_SEND_RATE_PER_MINUTE", "100000"))) {
                world.startLinked(OWNER, CUSTOMER);
                talkToOtherContacts(world, contacts);
                send(world, "warm-up", WARM_UP);
                receive(world, "warm-up", WARM_UP);

                checkpoint(world);
                long start = walLsn(world);
                send(world, variant, messages);
                long sent = walLsn(world);
                receive(world, variant, messages);
                long received = walLsn(world);

                report(variant, "sent", (sent - start) / messages);
                report(variant, "received", (received - sent) / messages);
                System.out.println("BENCH|keystore-wal|key store in PostgreSQL (" + variant + ")|"
                        + keyStoreBytes(world) + " bytes|");
            }
        }
    }

    /** A Signal session with each of {@code count} more contacts, as a business number has: the key store grows. */
    private static void talkToOtherContacts(PodAgainstSimulator world, int count) {
        for (int i = 0; i < count; i++) {
            String contact = String.format("55119777%05d", i);
            world.createPhone(contact, "Contato " + i);
            String id = world.api().body(Map.of("to", contact, "text", "Olá " + i)).post("/messages")
                    .then().statusCode(202).extract().path("id");
            world.awaitAtPhone(contact, world.awaitSent(id));
        }
    }

    private static void send(PodAgainstSimulator world, String label, int count) {
        for (int i = 0; i < count; i++) {
            String id = world.api().body(Map.of("to", CUSTOMER, "text", label + " " + i)).post("/messages")
                    .then().statusCode(202).extract().path("id");
            world.awaitAtPhone(CUSTOMER, world.awaitSent(id));
        }
    }

    private static void receive(PodAgainstSimulator world, String label, int count) {
        for (int i = 0; i < count; i++) {
            world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, label + " from the phone " + i);
        }
    }

    private static void report(String variant, String direction, long bytesPerMessage) {
        System.out.println("BENCH|keystore-wal|WAL per text " + direction + ", Database mode (" + variant + ")|"
                + bytesPerMessage + " bytes|");
    }

    private static void checkpoint(PodAgainstSimulator world) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement()) {
            sql.execute("checkpoint");
        }
    }

    private static long walLsn(PodAgainstSimulator world) throws SQLException {
        return single(world, "select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    private static long keyStoreBytes(PodAgainstSimulator world) throws SQLException {
        return single(world, "select coalesce((select sum(octet_length(keys) + octet_length(store)) from key_store_mirrors), 0)"
                + " + coalesce((select sum(octet_length(value)) from key_store_entries), 0)");
    }

    private static long single(PodAgainstSimulator world, String query) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement();
             var result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
