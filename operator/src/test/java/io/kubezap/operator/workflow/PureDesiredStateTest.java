package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.SessionRole;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 49 item 3: the session's database role is a dependent of its own, set before the database Secret, and every
 * {@code desired()} is pure. Here the admin database fails on any call: building the desired role and the desired
 * Secret must not make one; only the role's create does.
 */
class PureDesiredStateTest {

    private static final String TOUCHED = "desired() touched the database";

    private final WhatsAppSession session = withSpec(TestSessions.session("loja-01"));
    private final AdminDatabase failing = new AdminDatabase(() -> {
        throw new AssertionError(TOUCHED);
    });
    private final DatabaseSecretSource source = new DatabaseSecretSource(
            TestSessions.config(Map.of("kubezap.database.secret-name", "pg-app")).database(), "kubezap-system", null) {
        @Override
        public Secret read() {
            return new SecretBuilder().withNewMetadata().withName("pg-app").withNamespace("kubezap-system").endMetadata()
                    .withData(Map.of("jdbc-uri", encode("jdbc:postgresql://db.kubezap-system.svc:5432/kubezap"),
                            "username", encode("kubezap"), "password", encode("s3cret")))
                    .build();
        }
    };
    private final DatabasePasswords passwords = new DatabasePasswords(source, (context, namespace) -> Stream.empty());
    private final SessionRoleDependent role = new SessionRoleDependent(new SessionRoles(failing), new KeptData(failing),
            passwords, new SessionHosts(TestSessions.config(Map.of()), null));
    private final DatabaseSecretDependent secret = new DatabaseSecretDependent(source, passwords);

    @Test
    void theDesiredRoleAndSecretTouchNoDatabaseAndAgreeOnRoleAndPassword() {
        Context<WhatsAppSession> nothingWritten = cacheHolding(Set.of());

        SessionRole wantedRole = role.desired(session, nothingWritten);
        Secret wantedSecret = secret.desired(session, nothingWritten);

        assertThat(wantedRole.name()).isEqualTo(NamespaceRoles.roleName("shop"));
        assertThat(decode(wantedSecret.getData().get("username"))).isEqualTo(wantedRole.name());
        assertThat(decode(wantedSecret.getData().get("password"))).isEqualTo(wantedRole.password()).isNotEmpty();
        assertThat(decode(wantedSecret.getData().get("token"))).isEqualTo(wantedRole.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(role.desired(session, nothingWritten)).as("asked again, the same password").isEqualTo(wantedRole);
        assertThat(wantedRole.toString()).doesNotContain(wantedRole.password()).doesNotContain(wantedRole.token());
    }

    @Test
    void aWrittenSecretsPasswordIsTheOneTheRoleKeeps() {
        Secret written = secret.sessionSecret(source.read(), session, NamespaceRoles.roleName("shop"), "kept-pw", "kept-token");

        assertThat(role.desired(session, cacheHolding(Set.of(written))).password()).isEqualTo("kept-pw");
        assertThat(role.desired(session, cacheHolding(Set.of(written))).token()).isEqualTo("kept-token");
        assertThat(decode(secret.desired(session, cacheHolding(Set.of(written))).getData().get("password")))
                .isEqualTo("kept-pw");
    }

    @Test
    void onlyTheRolesCreateReachesTheDatabase() {
        SessionRole wanted = role.desired(session, cacheHolding(Set.of()));

        assertThatThrownBy(() -> role.create(wanted, session, cacheHolding(Set.of()))).hasMessage(TOUCHED);
        assertThat(role.getSecondaryResource(session, cacheHolding(Set.of()))).as("nothing was set").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private Context<WhatsAppSession> cacheHolding(Set<Secret> cached) {
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(PureDesiredStateTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResources" -> cached;
                    case "getSecondaryResource" -> java.util.Optional.empty();
                    case "getSecondaryResourcesAsStream" -> args[0] == Secret.class ? cached.stream() : Stream.empty();
                    case "getPrimaryResource" -> session;
                    case "getPrimaryCache" -> Proxy.newProxyInstance(PureDesiredStateTest.class.getClassLoader(),
                            new Class<?>[] {IndexedResourceCache.class}, (cache, listing, ignored) -> switch (listing.getName()) {
                                case "list" -> Stream.of(session);
                                default -> throw new UnsupportedOperationException(listing.getName());
                            });
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static WhatsAppSession withSpec(WhatsAppSession session) {
        session.setSpec(new io.kubezap.api.v1alpha1.WhatsAppSessionSpec());
        return session;
    }

    private static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String value) {
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }
}
