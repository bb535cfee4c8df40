package io.kubezap.kubectl.fleet;

import java.util.List;
import java.util.Map;

/**
 * The installation at a glance, as {@code kubectl zap status --fleet} shows it (and prints with {@code -o json}).
 * A part that could not be read carries a {@code note} saying why instead of a value.
 */
public record FleetReport(Operator operator, List<SchemaReading> schema, String schemaNote, Rollout rollout,
                          Pooler pooler, List<Attention> attention) {

    /** The leader of the operator's replicas (the Lease holder), and where its Lease is. */
    public record Operator(String namespace, String lease, String leader, String note) {
    }

    /** What a ready session pod of one image says of the database schema (its readiness check database-schema). */
    public record SchemaReading(String image, String pod, String state, String reason) {
    }

    /**
     * Session StatefulSets on their current pod template revision of all, those whose pod is not yet ready on it
     * (what the operator-wide ceiling counts), and the ceiling (operator.maxConcurrentRolloutsTotal; null if unknown).
     */
    public record Rollout(int sessions, int onCurrentTemplate, int restarting, Integer ceiling) {
    }

    /**
     * Clients waiting for a server connection, summed over the pooler pods that expose it, and per pod; the server
     * connections each PgBouncer opens (its max_db_connections; null if no pooler of the chart was found) and the
     * namespaces with sessions, each a pool of its own in every PgBouncer.
     */
    public record Pooler(Integer waitingClients, Map<String, Integer> byPod, String note, Integer serverConnections,
                         int sessionNamespaces) {

        /** More namespaces than server connections: under load a connection passes between namespaces with a new login. */
        public boolean namespacesOutnumberConnections() {
            return serverConnections != null && sessionNamespaces > serverConnections;
        }
    }

    /** A session a person must look at: logged out, failed, or restricted by WhatsApp. */
    public record Attention(String namespace, String name, String phase, String reason, String message) {
    }
}
