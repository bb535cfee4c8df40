package io.kubezap.operator.database;

import java.util.Objects;

/**
 * A session's database identity as the operator sets it ({@link SessionRoles}): its namespace's login role with the
 * password the namespace's sessions share, the most connections that role may hold, and the session's own token
 * (docs/decisions/0017). Neither secret is ever printed: the Operator SDK logs the resources its dependents create and
 * update. (A class, not a record: the Operator SDK's build step walks a dependent's resource type up to
 * {@code Object}, and {@code java.lang.Record} is not in its index.)
 */
public final class SessionRole {

    private final String namespace;
    private final String session;
    private final String password;
    private final String token;
    private final int connectionLimit;

    public SessionRole(String namespace, String session, String password, String token, int connectionLimit) {
        this.namespace = namespace;
        this.session = session;
        this.password = password;
        this.token = token;
        this.connectionLimit = connectionLimit;
    }

    public String namespace() {
        return namespace;
    }

    public String session() {
        return session;
    }

    /** The namespace role's password. */
    public String password() {
        return password;
    }

    /** The session's token, which its pod presents first in every transaction. */
    public String token() {
        return token;
    }

    /** The most connections the namespace's role may hold, all its sessions together. */
    public int connectionLimit() {
        return connectionLimit;
    }

    /** The login role's name in PostgreSQL: the namespace's. */
    public String name() {
        return NamespaceRoles.roleName(namespace);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionRole role && namespace.equals(role.namespace) && session.equals(role.session)
                && Objects.equals(password, role.password) && Objects.equals(token, role.token)
                && connectionLimit == role.connectionLimit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, session, password, token, connectionLimit);
    }

    @Override
    public String toString() {
        return "SessionRole[" + name() + " of " + namespace + "/" + session + "]";
    }
}
