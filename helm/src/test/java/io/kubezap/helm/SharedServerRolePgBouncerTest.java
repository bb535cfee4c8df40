package io.kubezap.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.kubezap.helm.RenderedSharedPooler.PLANTED_PASSWORD;
import static io.kubezap.helm.RenderedSharedPooler.ROLE;
import static io.kubezap.helm.RenderedSharedPooler.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82, record 0020: the chart's rendered pgbouncer.ini (sharedServerRole on) run by a real PgBouncer in front of a
 * real, migrated PostgreSQL with the rendered pg_hba and certificates: a namespace's client logs in with its own
 * password and its transaction runs on the server as kubezap_pooled (by the rendered client certificate, after the
 * rendered connect_query); a wrong password, and a login as the role itself, are refused. Once on Debian's PgBouncer
 * (1.18: the rendered keys it lacks, max_user_client_connections and max_prepared_statements, left out; skipped without
 * it, failed under CI) and once on a PgBouncer of the chart's image's line (1.24, the ini as rendered; skipped without
 * KUBEZAP_PGBOUNCER).
 */
class SharedServerRolePgBouncerTest {

    /** The rendered lines PgBouncer 1.18 cannot load. */
    private static final UnaryOperator<String> WITHOUT_1_24_KEYS = line ->
            line.startsWith("max_user_client_connections") || line.startsWith("max_prepared_statements")
                    ? "" : line.replace(" max_user_client_connections=0", "");

    @Test
    void onDebiansPgBouncerANamespacesClientRunsOnTheServerAsTheSharedRole(@TempDir Path directory) throws Exception {
        try (RenderedSharedPooler pooler = RenderedSharedPooler.start(directory, PgBouncerBinaries.any(), Map.of(), WITHOUT_1_24_KEYS)) {
            assertANamespacesClientRunsAsTheSharedRole(pooler);
        }
    }

    @Test
    void onTheImagesPgBouncerTheRenderedIniLoadsAsItIs(@TempDir Path directory) throws Exception {
        try (RenderedSharedPooler pooler = RenderedSharedPooler.start(directory, PgBouncerBinaries.withClientCaps(), Map.of(), UnaryOperator.identity())) {
            assertANamespacesClientRunsAsTheSharedRole(pooler);
        }
    }

    private static void assertANamespacesClientRunsAsTheSharedRole(RenderedSharedPooler pooler) throws Exception {
        try (Connection tenant = pooler.connect(TENANT);
             Statement statement = tenant.createStatement();
             ResultSet result = statement.executeQuery("select session_user, current_setting('statement_timeout')")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(ROLE);
            assertThat(result.getString(2)).as("the role's own default, after the connect query").isEqualTo("30s");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(pooler.url(), TENANT, "guessed").close())
                .hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> DriverManager.getConnection(pooler.url(), ROLE, PLANTED_PASSWORD).close())
                .as("a login as the role itself, with the password a tenant set on it (its real one): auth_query never"
                        + " answers for it (1.18 says so, 1.24 fails the SASL exchange of a user it does not know)")
                .message().containsAnyOf("no such user", "SASL authentication failed");
    }
}
