package io.kubezap.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.kubezap.helm.RenderedSharedPooler.OTHER_TENANT;
import static io.kubezap.helm.RenderedSharedPooler.ROLE;
import static io.kubezap.helm.RenderedSharedPooler.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82, record 0020 "Fairness": with one server role every namespace shares one pool, so what holds a namespace's
 * burst is its client cap (max_user_client_connections = namespaceClientConnections, PgBouncer 1.24). The chart's
 * rendered ini on a PgBouncer of its image's line, with 3 server connections and 2 clients a namespace: one namespace
 * holding transactions open on every client it may open is refused a third client, and the other namespace's query is
 * still served by the server connection left. Skipped without KUBEZAP_PGBOUNCER (a PgBouncer ≥ 1.24).
 */
class SharedServerRoleFairnessTest {

    private static final int SERVER_CONNECTIONS = 3;
    private static final int NAMESPACE_CLIENTS = 2;
    /** Bounds a waiting client, so that a query no server connection is left for fails instead of hanging the test. */
    private static final UnaryOperator<String> WAIT_BOUNDED = line ->
            line.equals("pool_mode = transaction") ? line + "\nquery_wait_timeout = 10" : line;

    @Test
    void oneNamespacesBurstLeavesAnotherNamespacesQueriesServed(@TempDir Path directory) throws Exception {
        Map<String, Object> values = Map.of("postgresql.pooler.serverConnections", SERVER_CONNECTIONS,
                "postgresql.pooler.namespaceClientConnections", NAMESPACE_CLIENTS);
        try (RenderedSharedPooler pooler = RenderedSharedPooler.start(directory, PgBouncerBinaries.withClientCaps(), values, WAIT_BOUNDED)) {
            List<Connection> burst = new ArrayList<>();
            try {
                for (int client = 0; client < NAMESPACE_CLIENTS; client++) {
                    burst.add(holdingAServerConnection(pooler));
                }
                assertThatThrownBy(() -> burst.add(holdingAServerConnection(pooler)))
                        .as("the bursting namespace's client past its cap")
                        .hasMessageContaining("max_user_client_connections");

                try (Connection other = pooler.connect(OTHER_TENANT);
                     Statement statement = other.createStatement();
                     ResultSet result = statement.executeQuery("select session_user")) {
                    result.next();
                    assertThat(result.getString(1)).as("the other namespace's query, served while the burst holds its transactions").isEqualTo(ROLE);
                }
            } finally {
                for (Connection connection : burst) {
                    connection.close();
                }
            }
        }
    }

    /** A client of the bursting namespace in an open transaction: in transaction pooling it keeps its server connection. */
    private static Connection holdingAServerConnection(RenderedSharedPooler pooler) throws SQLException {
        Connection connection = pooler.connect(TENANT);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        }
        return connection;
    }
}
