package io.kubezap.session.tenancy;

import io.kubezap.schema.SessionSchema;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.TenantLogins;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A shared database as the chart and the operator prepare it: the release's migrations (with afterMigrate.sql's
 * row-level security) applied by the admin, one LOGIN role per session, member of {@code kubezap_session} and mapped
 * in {@code session_roles}, and rows of two other tenants (another session in the pod's namespace, and a session of
 * the pod's name in another namespace). The pod under test logs in with its own session role, never the admin.
 * With the init argument {@value #IDENTITY} = {@value #TOKEN} it logs in as the operator's pooled identity does
 * (docs/decisions/0017): its namespace's role, shared with the other session of its namespace, and its own token.
 */
public class SessionRolePostgres extends EmbeddedPostgresResource {

    static final String ROLE = "kubezap_s_tenancy_loja01";
    static final String PASSWORD = "session-role-password-0123456789";
    static final String FOREIGN_TEXT = "segredo de outro inquilino";
    static final String FOREIGN_CHAT = "5511900000000@s.whatsapp.net";
    /** Another tenant's WhatsApp keys, hex. */
    static final String FOREIGN_KEYS = "0a0b0c0d";
    /** (namespace, session) of the other tenants, and their role names. */
    static final List<List<String>> OTHERS = List.of(List.of("shop", "loja-02", "kubezap_s_tenancy_loja02"),
            List.of("elsewhere", "loja-01", "kubezap_s_tenancy_elsewhere"));

    static final String IDENTITY = "identity";
    static final String TOKEN = "token";
    /** The login role of the pod's namespace in token mode; loja-02 of the same namespace logs in with it too. */
    static final String NAMESPACE_ROLE = "kubezap_n_tenancy_shop";
    static final String POD_TOKEN = "pod-token-" + UUID.randomUUID() + UUID.randomUUID();

    private static String adminUrl;
    private boolean tokens;

    @Override
    public void init(Map<String, String> initArgs) {
        tokens = TOKEN.equals(initArgs.get(IDENTITY));
    }

    @Override
    public Map<String, String> start() {
        super.start();
        EmbeddedPostgres postgres = postgres();
        try {
            adminUrl = postgres.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(adminUrl, "postgres", "postgres").locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
            try (Connection admin = admin(); Statement sql = admin.createStatement()) {
                if (tokens) {
                    TenantLogins.createNamespaceRole(sql, NAMESPACE_ROLE, PASSWORD, "shop");
                    TenantLogins.createNamespaceRole(sql, "kubezap_n_tenancy_elsewhere", "other-password-0123456789", "elsewhere");
                    TenantLogins.mapToken(sql, POD_TOKEN, "shop", "loja-01");
                } else {
                    createRole(sql, ROLE, PASSWORD, "shop", "loja-01");
                }
                for (List<String> other : OTHERS) {
                    if (tokens) {
                        TenantLogins.mapToken(sql, "other-token-" + UUID.randomUUID(), other.get(0), other.get(1));
                    } else {
                        createRole(sql, other.get(2), "other-password-0123456789", other.get(0), other.get(1));
                    }
                    seedForeignRows(sql, other.get(0), other.get(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> login = new HashMap<>(Map.of(
                // not getJdbcUrl(...): it carries user=postgres, which pgjdbc prefers to the configured username
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "quarkus.datasource.username", tokens ? NAMESPACE_ROLE : ROLE,
                "quarkus.datasource.password", PASSWORD));
        if (tokens) {
            login.put("kubezap.database.token", POD_TOKEN);
        }
        return login;
    }

    /**
     * Started after the suite-wide EmbeddedPostgresResource (resources write their properties in start order, the
     * last one wins), whose database and admin login this profile replaces.
     */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(adminUrl, "postgres", "postgres");
    }

    /** What the operator's SessionRoles does (there with a SCRAM verifier it computes itself). */
    private static void createRole(Statement sql, String role, String password, String namespace, String session)
            throws SQLException {
        sql.execute("create role " + role + " login password '" + password + "' in role kubezap_session");
        sql.execute("insert into session_roles (role_name, namespace, session) values ('" + role + "', '" + namespace
                + "', '" + session + "')");
    }

    private static void seedForeignRows(Statement sql, String namespace, String session) throws SQLException {
        String key = "'" + namespace + "', '" + session + "'";
        String id = "foreign-" + namespace + "-" + session;
        sql.execute("insert into messages (namespace, session, id, wa_message_id, chat_jid, sender_jid, direction, type,"
                + " text, status, created_at, updated_at) values (" + key + ", '" + id + "', 'WAFOREIGN', '" + FOREIGN_CHAT
                + "', '" + FOREIGN_CHAT + "', 'in', 'text', '" + FOREIGN_TEXT + "', 'received', now(), now())");
        sql.execute("insert into chats (namespace, session, jid, name, message_count, last_message_id, last_message_at,"
                + " created_at) values (" + key + ", '" + FOREIGN_CHAT + "', 'Outro', 1, '" + id + "', now(), now())");
        sql.execute("insert into contacts (namespace, session, jid, phone_number, push_name, updated_at) values ("
                + key + ", '" + FOREIGN_CHAT + "', '5511900000000', 'Outro', now())");
        sql.execute("insert into events (namespace, session, type, payload, occurred_at) values (" + key
                + ", 'message.received', '{\"text\": \"" + FOREIGN_TEXT + "\"}', now())");
        sql.execute("insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload,"
                + " status, next_attempt_at, created_at) select '" + id + "', " + key + ", max(id), 'message.received',"
                + " 'https://hooks.example.com/other', '" + FOREIGN_TEXT + "', 'failed', now(), now() from events");
        sql.execute("insert into session_state_history (namespace, session, phase, state, recorded_at) values (" + key
                + ", 'Connected', '{\"phase\": \"Connected\", \"name\": \"" + FOREIGN_TEXT + "\"}', now())");
        sql.execute("insert into key_store_mirrors (namespace, session, device, keys, store, written_at, mirrored_at) values ("
                + key + ", gen_random_uuid(), '\\x" + FOREIGN_KEYS + "', '\\x00', now(), now())");
    }
}
