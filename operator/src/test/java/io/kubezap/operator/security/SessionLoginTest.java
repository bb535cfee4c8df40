package io.kubezap.operator.security;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.workflow.DatabaseSecretSource;
import io.kubezap.operator.workflow.DatabaseSecretTestAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 35, item 1: the admin's {@code jdbc-uri} as CloudNativePG writes it (the admin's user and password in the URL)
 * must not reach a tenant's namespace, and a session pod logs in only as its own role. Against the real PostgreSQL:
 * the copied Secret is used the way the pod's connection pool uses it (URL, plus user and password as properties),
 * and pgjdbc lets URL parameters win over properties, so a URL with {@code user=} would log the pod in as the admin.
 */
class SessionLoginTest {

    private static final SessionRoles ROLES = new SessionRoles(new AdminDatabase(MigratedDatabase::admin));

    @ParameterizedTest
    @ValueSource(strings = {
            "?user=postgres&password=postgres",
            "?password=postgres&user=postgres&ApplicationName=app",
            "?us%65r=postgres&pass%77ord=postgres"})
    void theCopiedSecretCarriesNoAdminCredentialAndLogsInAsTheSessionsRoleOnly(String adminParameters) throws SQLException {
        String adminUrl = MigratedDatabase.admin().jdbcUrl() + adminParameters;
        Secret copy = DatabaseSecretTestAccess.sessionSecret(source(adminUrl), TestSessions.session("login-01"),
                NamespaceRoles.roleName("shop"), TenantLogins.password("shop"), TenantLogins.token("shop", "login-01"));
        TenantLogins.ensure(ROLES, "shop", "login-01");

        assertThat(copy.getData().values()).noneMatch(value -> decode(value).contains("postgres&")
                || decode(value).endsWith("=postgres") || decode(value).contains("user="));
        try (Connection pod = asThePodConnects(copy)) {
            assertThat(currentUser(pod)).isEqualTo(NamespaceRoles.roleName("shop"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres:postgres@", "postgres@"})
    void credentialsInTheUrlsAuthorityAreDroppedToo(String userInfo) throws SQLException {
        String adminUrl = MigratedDatabase.admin().jdbcUrl().replace("//", "//" + userInfo);
        Secret copy = DatabaseSecretTestAccess.sessionSecret(source(adminUrl), TestSessions.session("login-02"),
                NamespaceRoles.roleName("shop"), TenantLogins.password("shop"), TenantLogins.token("shop", "login-02"));
        TenantLogins.ensure(ROLES, "shop", "login-02");

        assertThat(decode(copy.getData().get("jdbc-uri"))).doesNotContain("@").doesNotContain("postgres:");
        try (Connection pod = asThePodConnects(copy)) {
            assertThat(currentUser(pod)).isEqualTo(NamespaceRoles.roleName("shop"));
        }
    }

    /** Why the URL must be clean: what the pod passes as properties loses against the URL's {@code user=}. */
    @Test
    void pgjdbcLetsTheUrlsUserAndPasswordWinOverTheProperties() throws SQLException {
        TenantLogins.ensure(ROLES, "shop", "login-03");
        Properties properties = new Properties();
        properties.setProperty("user", NamespaceRoles.roleName("shop"));
        properties.setProperty("password", TenantLogins.password("shop"));

        try (Connection connection = DriverManager.getConnection(
                MigratedDatabase.admin().jdbcUrl() + "?user=postgres&password=postgres", properties)) {
            assertThat(currentUser(connection)).isEqualTo("postgres");
        }
    }

    /** As Agroal (the pod's pool) calls the driver: the URL, and user and password as connection properties. */
    private static Connection asThePodConnects(Secret copy) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", decode(copy.getData().get("username")));
        properties.setProperty("password", decode(copy.getData().get("password")));
        return DriverManager.getConnection(decode(copy.getData().get("jdbc-uri")), properties);
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static Secret source(String adminUrl) {
        Map<String, String> data = new TreeMap<>();
        Map.of("jdbc-uri", adminUrl, "username", "postgres", "password", "postgres")
                .forEach((key, value) -> data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName("pg-app").withNamespace("kubezap-system").endMetadata()
                .withData(data).build();
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
