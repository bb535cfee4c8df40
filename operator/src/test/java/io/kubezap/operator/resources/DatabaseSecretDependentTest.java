package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.reconciler.MissingSecretException;
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

    @Test
    void copyHoldsExactlyTheThreeKeysThePodReadsInTheSessionsNamespace() {
        Secret copy = dependent.copyOf(source(BUNDLED), session);

        assertThat(copy.getMetadata().getName()).isEqualTo("loja-01-database");
        assertThat(copy.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(copy.getType()).isEqualTo("Opaque");
        assertThat(copy.getData()).containsOnlyKeys("jdbc-uri", "username", "password");
        assertThat(decode(copy.getData().get("jdbc-uri")))
                .isEqualTo("jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap");
        assertThat(decode(copy.getData().get("username"))).isEqualTo("kubezap");
        assertThat(decode(copy.getData().get("password"))).isEqualTo("s3cret");
        assertThat(copy.getStringData()).isNullOrEmpty();
    }

    @Test
    void copyIsOwnedAndLabelledLikeTheSessionsOtherObjects() {
        Secret copy = dependent.copyOf(source(BUNDLED), session);

        assertThat(copy.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("WhatsAppSession");
            assertThat(owner.getName()).isEqualTo("loja-01");
            assertThat(owner.getUid()).isEqualTo("uid-loja-01");
            assertThat(owner.getController()).isTrue();
        });
        assertThat(copy.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "kubezap-session", "app.kubernetes.io/instance", "loja-01",
                "app.kubernetes.io/managed-by", "kubezap-operator"));
        assertThat(copy.getMetadata().getAnnotations())
                .containsEntry(DatabaseSecretDependent.SOURCE_ANNOTATION, "kubezap-system/pg-app");
    }

    @Test
    void configuredKeysAreTheOnesCopied() {
        var renamed = new DatabaseSecretDependent(new DatabaseSecretSource(TestSessions.config(Map.of(
                "kubezap.database.secret-name", "db", "kubezap.database.url-key", "url",
                "kubezap.database.username-key", "user", "kubezap.database.password-key", "pass")).database(),
                "infra", null));

        Secret copy = renamed.copyOf(source(Map.of("url", "jdbc:postgresql://db/app", "user", "app", "pass", "pw",
                "password", "not-this-one")), session);

        assertThat(copy.getData()).containsOnlyKeys("url", "user", "pass");
        assertThat(decode(copy.getData().get("pass"))).isEqualTo("pw");
    }

    @Test
    void valuesWrittenAsStringDataAreCopiedEncoded() {
        Secret written = new SecretBuilder().withNewMetadata().withName("pg-app").endMetadata()
                .withStringData(Map.of("jdbc-uri", "jdbc:postgresql://db/app", "username", "app", "password", "pw"))
                .build();

        assertThat(decode(dependent.copyOf(written, session).getData().get("password"))).isEqualTo("pw");
    }

    @Test
    void aMissingKeyIsNamedWithTheSecretsNamespaceAndName() {
        Secret incomplete = source(Map.of("jdbc-uri", "jdbc:postgresql://db/app", "username", "app"));

        assertThatThrownBy(() -> dependent.copyOf(incomplete, session))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("kubezap-system/pg-app")
                .hasMessageContaining("password")
                .satisfies(e -> assertThat(((MissingSecretException) e).reason())
                        .isEqualTo("DatabaseSecretMissing"));
    }

    @Test
    void digestFollowsTheCopiedValues() {
        String before = DatabaseSecretDependent.digest(dependent.copyOf(source(BUNDLED), session));
        var rotated = new HashMap<>(BUNDLED);
        rotated.put("password", "n3w");

        assertThat(DatabaseSecretDependent.digest(dependent.copyOf(source(BUNDLED), session))).isEqualTo(before);
        assertThat(DatabaseSecretDependent.digest(dependent.copyOf(source(rotated), session))).isNotEqualTo(before);
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
