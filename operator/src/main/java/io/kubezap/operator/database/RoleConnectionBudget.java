package io.kubezap.operator.database;

/**
 * The most connections a namespace's role may hold (its {@code CONNECTION LIMIT}, record 0017): each of its session
 * pods' pools and each of its hosts' pools, every one with one more (a connection still closing while its replacement
 * opens). A tenant holds the role's credentials, so the limit is what the server must be able to give it.
 *
 * @param perPod  a session pod's pool max + 1
 * @param perHost a session host's pool max + 1 (record 0021: one pool per host, sized to the host)
 */
public record RoleConnectionBudget(int perPod, int perHost) {

    /** The namespace's limit with {@code pods} session pods and {@code hosts} session hosts. */
    public int limit(long pods, long hosts) {
        return Math.toIntExact(pods * perPod + hosts * perHost);
    }
}
