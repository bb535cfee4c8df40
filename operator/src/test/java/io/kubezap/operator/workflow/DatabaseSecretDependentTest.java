package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.MissingSecretException;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseSecretDependentTest {

    /** Laid out like the chart's bundled-database Secret (and a CloudNativePG app Secret): more keys than needed. */
    private static final Map<String, String> BUNDLED = Map.of(
            "jdbc-uri", "jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap",
            "username", "kubezap", "password", "s3cret", "user", "kubezap", "host", "kubezap-postgresql",
            "port", "5432", "dbname", "kubezap", "uri", "postgresql://kubezap:s3cret@kubezap-postgresql:5432/kubezap");

    private final WhatsAppSession session = TestSessions.session("loja-01");
    private final DatabaseSecretDependent dependent = new DatabaseSecretDependent(new DatabaseSecretSource(
            TestSessions.config(Map.of("kubezap.database.secret-name", "pg-app")).database(), "kubezap-system", null));

    private static final String ROLE = "kubezap_n_0123456789abcdef0123456789abcdef01234567";

    @Test
    void sessionSecretHoldsTheServersUrlWithTheNamespacesRoleAndTheSessionsTokenNeverTheAdmins() {
        Secret secret = dependent.sessionSecret(source(BUNDLED), session, ROLE, "session-pw", "session-token");

        assertThat(secret.getMetadata().getName()).isEqualTo("loja-01-database");
        assertThat(secret.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsOnlyKeys("jdbc-uri", "username", "password", "token");
        assertThat(decode(secret.getData().get("jdbc-uri")))
                .isEqualTo("jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap");
        assertThat(decode(secret.getData().get("username"))).isEqualTo(ROLE);
        assertThat(decode(secret.getData().get("password"))).isEqualTo("session-pw");
        assertThat(decode(secret.getData().get("token"))).isEqualTo("session-token");
        assertThat(secret.getData().values()).noneMatch(value -> decode(value).contains("s3cret"));
        assertThat(secret.getStringData()).isNullOrEmpty();
    }

    @Test
    void sessionsConnectThroughThePoolerWhenTheAdminSecretNamesOne() {
        var withPooler = new HashMap<>(BUNDLED);
        withPooler.put("session-jdbc-uri", "jdbc:postgresql://kubezap-pgbouncer.kubezap-system.svc:5432/kubezap?prepareThreshold=0");

        Secret secret = dependent.sessionSecret(source(withPooler), session, ROLE, "session-pw", "session-token");

        assertThat(decode(secret.getData().get("jdbc-uri")))
                .isEqualTo("jdbc:postgresql://kubezap-pgbouncer.kubezap-system.svc:5432/kubezap?prepareThreshold=0");
    }

    /** CloudNativePG writes its app Secret itself: the chart names its Pooler's URL in the operator's configuration. */
    @Test
    void sessionsConnectToTheConfiguredPoolerWhenTheSecretIsAnotherOperators() {
        var cnpg = new DatabaseSecretDependent(new DatabaseSecretSource(TestSessions.config(Map.of(
                "kubezap.database.secret-name", "kubezap-db-app",
                "kubezap.database.session-url", "jdbc:postgresql://kubezap-db-pooler.kubezap-system.svc:5432/kubezap?prepareThreshold=0"))
                .database(), "kubezap-system", null));

        Secret secret = cnpg.sessionSecret(source(BUNDLED), session, ROLE, "session-pw", "session-token");

        assertThat(decode(secret.getData().get("jdbc-uri")))
                .isEqualTo("jdbc:postgresql://kubezap-db-pooler.kubezap-system.svc:5432/kubezap?prepareThreshold=0");
        assertThat(decode(secret.getData().get("password"))).isEqualTo("session-pw");
    }

    @Test
    void secretIsOwnedAndLabelledLikeTheSessionsOtherObjects() {
        Secret secret = dependent.sessionSecret(source(BUNDLED), session, ROLE, "session-pw", "session-token");

        assertThat(secret.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("WhatsAppSession");
            assertThat(owner.getName()).isEqualTo("loja-01");
            assertThat(owner.getUid()).isEqualTo("uid-loja-01");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(secret.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/instance", "loja-01",
                "app.kubernetes.io/managed-by", "kubezap-operator"));
        assertThat(secret.getMetadata().getAnnotations())
                .containsEntry(DatabaseSecretDependent.SOURCE_ANNOTATION, "kubezap-system/pg-app");
    }

    @Test
    void configuredKeysAreTheOnesWritten() {
        var renamed = new DatabaseSecretDependent(new DatabaseSecretSource(TestSessions.config(Map.of(
                "kubezap.database.secret-name", "db", "kubezap.database.url-key", "url",
                "kubezap.database.username-key", "user", "kubezap.database.password-key", "pass")).database(),
                "infra", null));

        Secret secret = renamed.sessionSecret(source(Map.of("url", "jdbc:postgresql://db/app", "user", "app", "pass", "pw",
                "password", "not-this-one")), session, ROLE, "session-pw", "session-token");

        assertThat(secret.getData()).containsOnlyKeys("url", "user", "pass", "token");
        assertThat(decode(secret.getData().get("pass"))).isEqualTo("session-pw");
    }

    @Test
    void valuesWrittenAsStringDataAreRead() {
        Secret written = new SecretBuilder().withNewMetadata().withName("pg-app").endMetadata()
                .withStringData(Map.of("jdbc-uri", "jdbc:postgresql://db/app", "username", "app", "password", "pw"))
                .build();

        assertThat(decode(dependent.sessionSecret(written, session, ROLE, "x", "session-token").getData().get("jdbc-uri")))
                .isEqualTo("jdbc:postgresql://db/app");
    }

    @Test
    void aMissingKeyIsNamedWithTheSecretsNamespaceAndName() {
        Secret incomplete = source(Map.of("jdbc-uri", "jdbc:postgresql://db/app", "username", "app"));

        assertThatThrownBy(() -> dependent.sessionSecret(incomplete, session, ROLE, "x", "session-token"))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("kubezap-system/pg-app")
                .hasMessageContaining("password")
                .satisfies(e -> assertThat(((MissingSecretException) e).reason().name())
                        .isEqualTo("DatabaseSecretMissing"));
    }

    @Test
    void digestFollowsTheWrittenValues() {
        String before = DatabaseSecretDependent.digest(dependent.sessionSecret(source(BUNDLED), session, ROLE, "one", "session-token"));

        assertThat(DatabaseSecretDependent.digest(dependent.sessionSecret(source(BUNDLED), session, ROLE, "one", "session-token"))).isEqualTo(before);
        assertThat(DatabaseSecretDependent.digest(dependent.sessionSecret(source(BUNDLED), session, ROLE, "two", "session-token"))).isNotEqualTo(before);
    }

    private static Secret source(Map<String, String> values) {
        Map<String, String> data = new TreeMap<>();
        values.forEach((key, value) -> data.put(key, encode(value)));
        return new SecretBuilder().withNewMetadata().withName("pg-app").withNamespace("kubezap-system").endMetadata()
                .withData(data).build();
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
