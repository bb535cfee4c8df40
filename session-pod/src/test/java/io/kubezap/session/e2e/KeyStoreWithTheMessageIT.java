package io.kubezap.session.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Storage mode Database (issue 71, item 3): the packaged pod (Cobalt) against the simulator on a real PostgreSQL. A
 * text from a customer moves the Signal session that decrypted it on; the pod stores the text and those keys in one
 * transaction, so a pod killed at any point has both in PostgreSQL or neither (never a stored text whose keys the next
 * pod lacks, nor keys past a text that is not stored). Read as the database's owner: the rows of the key store's
 * {@code keys} file (the Signal sessions, pre-keys and sender keys) written since the text was sent carry the
 * transaction id ({@code xmin}) of the text's own row, and no other. Rows of its {@code store} file (Cobalt's chats and
 * contacts) are written when the engine saves them: on a quiet machine a {@code store}-only save follows the warm-up
 * text; a CI run on a loaded machine saw a row three transactions after the first measured text's, which fits that
 * save coming late.
 */
class KeyStoreWithTheMessageIT {

    private static final String OWNER = "5511999990072";
    private static final String CUSTOMER = "5511988880072";

    @TempDir
    Path workDir;

    @Test
    void aReceivedTextAndTheKeysThatDecryptedItCommitInOneTransaction() throws Exception {
        try (var world = PodAgainstSimulator.create(workDir, "keys-with-text", Map.of("KUBEZAP_STORAGE_MODE", "Database"))) {
            int device = world.startLinked(OWNER, CUSTOMER);
            receive(world, device, "Bom dia!"); // the first text sets the Signal session up

            for (String text : List.of("Ainda tem pão de queijo?", "Quero duas dúzias", "Passo às 10h")) {
                long before = nextTransaction(world);
                String waId = receive(world, device, text);

                long textTransaction = single(world, "select xmin::text::bigint from messages where wa_message_id = '"
                        + waId + "'");
                assertThat(keyStoreTransactionsSince(world, before))
                        .as("the key store rows written for \"%s\" came in the text's own transaction, none after it", text)
                        .containsExactly(textTransaction);
            }
        }
    }

    /** The customer writes {@code text}; returns its WhatsApp id once the pod stored it and acknowledged it. */
    private static String receive(PodAgainstSimulator world, int device, String text) {
        String waId = world.control().body(Map.of("to", OWNER, "text", text))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        world.awaitIncoming(waId);
        // the acknowledgement follows every write the text caused (the pod writes its keys before it)
        await().atMost(PATIENCE).until(() -> world.messagesAcked(OWNER, device), acked -> acked.contains(waId));
        return waId;
    }

    private static long nextTransaction(PodAgainstSimulator world) throws SQLException {
        return single(world, "select pg_snapshot_xmax(pg_current_snapshot())::text::bigint");
    }

    private static List<Long> keyStoreTransactionsSince(PodAgainstSimulator world, long transaction) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var sql = connection.prepareStatement(
                "select distinct xmin::text::bigint from key_store_entries where file = 'keys' and xmin::text::bigint >= ?"
                        + " order by 1")) {
            sql.setLong(1, transaction);
            try (var result = sql.executeQuery()) {
                var transactions = new ArrayList<Long>();
                while (result.next()) {
                    transactions.add(result.getLong(1));
                }
                return transactions;
            }
        }
    }

    private static long single(PodAgainstSimulator world, String query) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement();
             var result = sql.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
