package io.kubezap.operator.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static io.kubezap.operator.database.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 71: an operator restart set every role's password again, with a fresh SCRAM salt; PgBouncer (auth_query,
 * SCRAM passed through) kept the keys of the old verifier, and every next server login of an already-connected session
 * failed. A restarted operator here is new {@link SessionRoles}/{@link NamespaceRoles} on a new admin pool, remembering
 * nothing, reconciling every role again while pods are connected: no verifier changes, no login fails.
 */
class OperatorRestartKeepsCredentialsTest {

    private static final String NS = "restart";

    @Test
    void aRestartedOperatorChangesNoCredentialInFrontOfConnectedPods() throws SQLException {
        String token = NamespaceRoles.newToken();
        reconcile(token);
        String namespaceRole = NamespaceRoles.roleName(NS);
        String namespaceVerifier = verifier(namespaceRole);

        try (Connection pod = MigratedDatabase.connect(namespaceRole, "namespace-password")) {
            for (int restart = 1; restart <= 3; restart++) {
                reconcile(token);
                assertThat(verifier(namespaceRole)).as("namespace role's verifier after restart %d", restart).isEqualTo(namespaceVerifier);
                assertThat(ownSession(pod, token)).containsExactly(NS + "/tokened");
                // a pooler's next server login for these clients: with the verifier it knows
                try (Connection again = MigratedDatabase.connect(namespaceRole, "namespace-password")) {
                    assertThat(ownSession(again, token)).containsExactly(NS + "/tokened");
                }
            }
        }
    }

    @Test
    void aNewPasswordIsSetOnce() throws SQLException {
        NamespaceRoles roles = new NamespaceRoles(new AdminDatabase(MigratedDatabase::admin));
        roles.ensure("rotated", "first-password", 4);
        String before = verifier(NamespaceRoles.roleName("rotated"));
        roles.ensure("rotated", "second-password", 4); // the namespace's Secrets were lost and written anew
        String after = verifier(NamespaceRoles.roleName("rotated"));
        roles.ensure("rotated", "second-password", 4);

        assertThat(after).isNotEqualTo(before);
        assertThat(verifier(NamespaceRoles.roleName("rotated"))).isEqualTo(after);
        MigratedDatabase.connect(NamespaceRoles.roleName("rotated"), "second-password").close();
    }

    /** What the operator does at each start for the session, from what its Secret keeps. */
    private static void reconcile(String token) {
        new SessionRoles(new AdminDatabase(MigratedDatabase::admin))
                .ensure(new SessionRole(NS, "tokened", "namespace-password", token, 4));
    }

    private static java.util.List<String> ownSession(Connection connection, String token) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement present = connection.prepareStatement("select set_config('kubezap.token', ?, true)")) {
            present.setString(1, token);
            present.executeQuery().close();
            return strings(connection, "select namespace || '/' || session from kubezap_current_session()");
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static String verifier(String role) throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            return strings(admin, "select rolpassword from pg_authid where rolname = '" + role + "'").getFirst();
        }
    }
}
