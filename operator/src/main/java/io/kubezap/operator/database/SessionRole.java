package io.kubezap.operator.database;

import java.util.Objects;

/**
 * A session's own database role as the operator sets it ({@link SessionRoles}): whose it is and the password it logs
 * in with. The password is never printed: the Operator SDK logs the resources its dependents create and update. (A
 * class, not a record: the Operator SDK's build step walks a dependent's resource type up to {@code Object}, and
 * {@code java.lang.Record} is not in its index.)
 */
public final class SessionRole {

    private final String namespace;
    private final String session;
    private final String password;

    public SessionRole(String namespace, String session, String password) {
        this.namespace = namespace;
        this.session = session;
        this.password = password;
    }

    public String namespace() {
        return namespace;
    }

    public String session() {
        return session;
    }

    public String password() {
        return password;
    }

    /** The role's name in PostgreSQL. */
    public String name() {
        return SessionRoles.roleName(namespace, session);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionRole role && namespace.equals(role.namespace) && session.equals(role.session)
                && Objects.equals(password, role.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, session, password);
    }

    @Override
    public String toString() {
        return "SessionRole[" + name() + " of " + namespace + "/" + session + "]";
    }
}
