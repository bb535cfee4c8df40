package io.kubezap.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The channel operations of WhatsApp's GraphQL endpoint ({@code <iq xmlns="w:mex"><query query_id>}), each with the
 * field its answer's {@code data} holds and the query ids clients send for it. Query ids are persisted query
 * documents: each client release names its own, so the table holds the ids whatsmeow (web and desktop), Baileys and
 * Cobalt 0.0.10 send (read from their sources).
 */
enum MexOperation {
    FETCH("xwa2_newsletter", "6563316087068696", "9779843322044422", "6620195908089573", "7272540469429201"),
    SUBSCRIBED("xwa2_newsletter_subscribed", "6388546374527196", "8621797084555037"),
    CREATE("xwa2_newsletter_create", "6234210096708695", "27527996220149684", "8823471724422422", "6996806640408138"),
    FOLLOW("xwa2_newsletter_join_v2", "9926858900719341", "24404358912487870"),
    UNFOLLOW("xwa2_newsletter_leave_v2", "6392786840836363", "8782612271820087", "9767147403369991"),
    MUTE("xwa2_newsletter_mute_v2", "6274038279359549", "5971669009605755", "29766401636284406"),
    UNMUTE("xwa2_newsletter_unmute_v2", "6068417879924485", "6104029483058502", "9864994326891137"),
    UPDATE("xwa2_newsletter_update", "7150902998257522", "7839742399440946", "24250201037901610");

    /** whatsmeow names this one id for both its desktop follow and its desktop subscribed list: the variables tell. */
    private static final String SHARED_DESKTOP_ID = "8621797084555037";

    private final String dataField;
    private final List<String> queryIds;

    MexOperation(String dataField, String... queryIds) {
        this.dataField = dataField;
        this.queryIds = List.of(queryIds);
    }

    /** The field of {@code data} that holds the answer. */
    String dataField() {
        return dataField;
    }

    static Optional<MexOperation> of(String queryId, JsonNode variables) {
        if (SHARED_DESKTOP_ID.equals(queryId)) {
            return Optional.of(variables.has("newsletter_id") ? FOLLOW : SUBSCRIBED);
        }
        return Arrays.stream(values()).filter(operation -> operation.queryIds.contains(queryId)).findFirst();
    }
}
