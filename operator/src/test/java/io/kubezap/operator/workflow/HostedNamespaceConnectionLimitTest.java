package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.Placement;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.SessionRole;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.model.SessionDefaults;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 81: a namespace's role must let its session host's one pool open its connections. The role's connection
 * limit, as the operator sets it from the namespace's placement, on the real PostgreSQL: two sessions on a host of
 * pool 10 (the default, {@code kubezap.host.database-pool-max}) are one host's pool and one more, not two pods' pools.
 */
class HostedNamespaceConnectionLimitTest {

    private static final AdminDatabase ADMIN = new AdminDatabase(MigratedDatabase::admin);
    private static final String PASSWORD = "hosted-password";

    private final List<Connection> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    @Test
    void aHostsPoolOfTwoHostedSessionsOpensAllItsConnectionsAndNoMore() throws SQLException {
        String namespace = "hosted-limit";
        List<WhatsAppSession> sessions = List.of(session(namespace, "shop-a", Placement.Host),
                session(namespace, "shop-b", Placement.Host));
        SessionRoleDependent role = dependent(Map.of());
        for (WhatsAppSession session : sessions) {
            role.create(role.desired(session, namespaceHolding(session, sessions)), session, namespaceHolding(session, sessions));
        }

        int hostPool = 10;
        openAs(namespace, hostPool);
        assertThat(opened).as("the host's whole pool").hasSize(hostPool); // before: 8 (2 sessions × (3 + 1)), then refused
        openAs(namespace, 1);
        assertThat(opened).as("and the one more a closing connection takes").hasSize(hostPool + 1);
        assertThatThrownBy(() -> openAs(namespace, 1)).hasMessageContaining("too many connections for role");
    }

    @Test
    void aNamespaceOfPodsAndHostedSessionsHoldsThePodsPoolsAndTheHostsPool() {
        List<WhatsAppSession> sessions = onePodThreeHosted("mixed-limit");
        // two hosts of 2 (the namespace's sessionsPerHost), pools of 7 (kubezap.host.database-pool-max)
        SessionRoleDependent role = dependent(Map.of("kubezap.host.database-pool-max", "7"));
        Context<WhatsAppSession> context = namespaceHolding(sessions.getFirst(), sessions, "sessionsPerHost: 2");

        assertThat(role.desired(sessions.getFirst(), context).connectionLimit()).isEqualTo((3 + 1) + 2 * (7 + 1)); // before: 16 (4 sessions × (3 + 1))
    }

    @Test
    void aNamespaceWithoutItsOwnSessionsPerHostHasTheInstallationsHostCount() {
        List<WhatsAppSession> sessions = onePodThreeHosted("installation-hosts");
        SessionRoleDependent role = dependent(Map.of("kubezap.host.sessions-per-host", "1"));

        assertThat(role.desired(sessions.getFirst(), namespaceHolding(sessions.getFirst(), sessions)).connectionLimit())
                .as("3 hosts of one session").isEqualTo((3 + 1) + 3 * (10 + 1)); // before: 15 (one host of 100)
    }

    private static List<WhatsAppSession> onePodThreeHosted(String namespace) {
        return List.of(session(namespace, "on-pod", Placement.Pod), session(namespace, "hosted-1", Placement.Host),
                session(namespace, "hosted-2", Placement.Host), session(namespace, "hosted-3", Placement.Host));
    }

    private static SessionRoleDependent dependent(Map<String, String> settings) {
        var config = TestSessions.config(settings);
        return new SessionRoleDependent(new SessionRoles(ADMIN, config), new KeptData(ADMIN),
                new DatabasePasswords(null, (context, namespace) -> Stream.empty()) {
                    @Override
                    public String of(WhatsAppSession session, Context<WhatsAppSession> context) {
                        return PASSWORD;
                    }
                }, new SessionHosts(config, null));
    }

    private void openAs(String namespace, int connections) throws SQLException {
        for (int i = 0; i < connections; i++) {
            opened.add(DriverManager.getConnection(MigratedDatabase.admin().jdbcUrl(), NamespaceRoles.roleName(namespace), PASSWORD));
        }
    }

    private static WhatsAppSession session(String namespace, String name, Placement placement) {
        WhatsAppSession session = TestSessions.session(name);
        session.getMetadata().setNamespace(namespace);
        WhatsAppSessionSpec spec = new WhatsAppSessionSpec();
        spec.setPlacement(placement);
        session.setSpec(spec);
        return session;
    }

    private static Context<WhatsAppSession> namespaceHolding(WhatsAppSession primary, List<WhatsAppSession> sessions) {
        return namespaceHolding(primary, sessions, null);
    }

    /** The operator's view while reconciling {@code primary}: its namespace's sessions, no StatefulSet, no Secret yet. */
    @SuppressWarnings("unchecked")
    private static Context<WhatsAppSession> namespaceHolding(WhatsAppSession primary, List<WhatsAppSession> sessions,
                                                             String defaults) {
        var configMaps = defaults == null ? List.of() : List.of(new ConfigMapBuilder()
                .withNewMetadata().withName(SessionDefaults.CONFIG_MAP)
                .withNamespace(primary.getMetadata().getNamespace()).withUid("defaults").withResourceVersion("1").endMetadata()
                .withData(Map.of(SessionDefaults.KEY, defaults)).build());
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(HostedNamespaceConnectionLimitTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResource" -> Optional.empty();
                    case "getSecondaryResourcesAsStream" -> args[0] == Secret.class ? Stream.empty() : configMaps.stream();
                    case "getPrimaryResource" -> primary;
                    case "getPrimaryCache" -> Proxy.newProxyInstance(HostedNamespaceConnectionLimitTest.class.getClassLoader(),
                            new Class<?>[] {IndexedResourceCache.class}, (cache, listing, ignored) -> switch (listing.getName()) {
                                case "list" -> sessions.stream();
                                default -> throw new UnsupportedOperationException(listing.getName());
                            });
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
