package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.model.SessionStatefulSet;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.workflow.DatabaseSecretTestAccess;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 81: a host the operator renders reaches its database. Its one pool logs in with the namespace's role from the
 * namespace's pool Secret, copied from a session's database Secret without its token; it runs in storage mode
 * Database; and a changed login rolls it, as a session pod is rolled by its own.
 */
class HostPoolTest {

    private static final String ROLE = NamespaceRoles.roleName("tenant-a");
    private static final List<String> LOGIN_KEYS = List.of("jdbc-uri", "username", "password");
    private static final HostStatefulSet.Settings SETTINGS = new HostStatefulSet.Settings(TestSessions.config(Map.of()));

    @Test
    void aHostsPoolLogsInWithTheNamespacesRoleFromThePoolSecretAndKeepsItsKeysInTheDatabase() {
        List<EnvVar> environment = environment(HostStatefulSet.desired("tenant-a", 0, SETTINGS, ""));

        assertThat(reference(environment, PodEnvironment.DATABASE_URL)).isEqualTo(HostObjectNames.POOL_SECRET + "/jdbc-uri");
        assertThat(reference(environment, PodEnvironment.DATABASE_USERNAME)).isEqualTo(HostObjectNames.POOL_SECRET + "/username");
        assertThat(reference(environment, PodEnvironment.DATABASE_PASSWORD)).isEqualTo(HostObjectNames.POOL_SECRET + "/password");
        assertThat(value(environment, PodEnvironment.STORAGE_MODE)).isEqualTo("Database");
        assertThat(value(environment, PodEnvironment.NAMESPACE)).isEqualTo("tenant-a");
        assertThat(value(environment, PodEnvironment.DATABASE_POOL_MAX)).as("one pool for the host, sized to it").isEqualTo("10");
    }

    @Test
    void theHostsPoolIsSizedByTheHostsSettingAndKeepsTheSessionsIdleConnections() {
        var config = TestSessions.config(Map.of("kubezap.host.database-pool-max", "24",
                "kubezap.session.database-pool-max", "2", "kubezap.session.database-pool-min", "1"));

        List<EnvVar> environment = environment(HostStatefulSet.desired("tenant-a", 0, new HostStatefulSet.Settings(config), ""));

        assertThat(value(environment, PodEnvironment.DATABASE_POOL_MAX)).isEqualTo("24");
        assertThat(value(environment, PodEnvironment.DATABASE_POOL_MIN)).isEqualTo("1");
    }

    /** The cluster admin's egress lists, which a session pod reads from its own environment alone, are each host's. */
    @Test
    void aHostHasTheAdminsEgressListsInItsEnvironment() {
        var config = TestSessions.config(Map.of("kubezap.session.media-url-allow-list", "10.0.0.0/8",
                "kubezap.session.webhook-deny-list", "10.96.0.1/32"));

        List<EnvVar> environment = environment(HostStatefulSet.desired("tenant-a", 0, new HostStatefulSet.Settings(config), ""));

        assertThat(value(environment, PodEnvironment.MEDIA_URL_ALLOW_LIST)).isEqualTo("10.0.0.0/8");
        assertThat(value(environment, PodEnvironment.WEBHOOK_DENY_LIST)).isEqualTo("10.96.0.1/32");
    }

    @Test
    void aHostTakesTheRowsItsSessionsShareFromTheTableAndNoSessionsOwn() {
        var everyRowSet = new HostStatefulSet.Settings(TestSessions.config(Map.of("kubezap.session.database-pool-min", "1",
                "kubezap.session.media-url-allow-list", "10.0.0.0/8", "kubezap.session.webhook-deny-list", "10.96.0.1/32")));

        List<String> names = environment(HostStatefulSet.desired("tenant-a", 0, everyRowSet, "")).stream().map(EnvVar::getName).toList();


        assertThat(names).containsExactlyElementsOf(Stream.concat(PodSetting.hostSet().stream().map(PodSetting::env),
                Stream.of(HostSessionFile.DIRECTORY_ENV)).toList());
        assertThat(names).doesNotContain(PodEnvironment.SESSION, PodEnvironment.API_KEY, PodEnvironment.DATABASE_TOKEN);
    }

    @Test
    void thePoolSecretIsTheNamespacesLoginASessionsSecretHoldsWithoutItsToken() {
        Secret session = sessionDatabase("loja-01", "namespace-pw", "token-of-loja-01");

        Secret pool = HostPoolSecret.desired("tenant-a", session, LOGIN_KEYS);

        assertThat(pool.getMetadata().getName()).isEqualTo(HostObjectNames.POOL_SECRET);
        assertThat(pool.getMetadata().getNamespace()).isEqualTo("tenant-a");
        assertThat(pool.getMetadata().getOwnerReferences()).as("no session owns it").isNullOrEmpty();
        assertThat(pool.getData()).containsOnlyKeys(LOGIN_KEYS);
        assertThat(decoded(pool, "username")).isEqualTo(ROLE);
        assertThat(decoded(pool, "password")).isEqualTo("namespace-pw");
        assertThat(decoded(pool, "jdbc-uri")).isEqualTo(decoded(session, "jdbc-uri"));
        assertThat(pool.getData().values()).noneMatch(value -> decodedValue(value).contains("token-of"));
    }

    @Test
    void aChangedLoginRollsEveryHostAndTheSameLoginFromAnotherSessionRollsNone() {
        List<HostPlan.HostedSession> sessions = List.of(hosted("loja-01"), hosted("loja-02"), hosted("loja-03"));
        HostPlan before = plan(sessions, sessionDatabase("loja-01", "namespace-pw", "token-1"));
        HostPlan same = plan(sessions, sessionDatabase("loja-02", "namespace-pw", "token-2"));
        HostPlan rotated = plan(sessions, sessionDatabase("loja-01", "rotated-pw", "token-1"));

        assertThat(templateDigests(same)).isEqualTo(templateDigests(before));
        assertThat(templateDigests(rotated)).hasSize(2).doesNotContainAnyElementsOf(templateDigests(before));
        assertThat(before.poolSecret()).hasValueSatisfying(pool -> assertThat(decoded(pool, "password")).isEqualTo("namespace-pw"));
    }

    @Test
    void theNamespaceHasAPoolSecretOnlyWhileItHasAHost() {
        Secret login = sessionDatabase("loja-01", "namespace-pw", "token-1");

        assertThat(plan(List.of(), login).poolSecret()).isEmpty();
        assertThat(plan(List.of(hosted("loja-01")), login).poolSecret()).isPresent();
    }

    private static HostPlan plan(List<HostPlan.HostedSession> sessions, Secret login) {
        return HostPlan.of("tenant-a", sessions, 2, SETTINGS,
                Optional.of(HostPoolSecret.desired("tenant-a", login, LOGIN_KEYS)));
    }

    private static List<String> templateDigests(HostPlan plan) {
        return plan.statefulSets().stream().map(set -> set.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(SessionStatefulSet.DATABASE_DIGEST_ANNOTATION)).toList();
    }

    private static HostPlan.HostedSession hosted(String session) {
        return new HostPlan.HostedSession(new HostSessionFile.Entry(session, Map.of(PodEnvironment.SESSION, session), Map.of()), null);
    }

    private static Secret sessionDatabase(String name, String password, String token) {
        WhatsAppSession session = TestSessions.session(name);
        session.getMetadata().setNamespace("tenant-a");
        Secret admin = new SecretBuilder().withNewMetadata().withName("pg-app").endMetadata()
                .withStringData(Map.of("jdbc-uri", "jdbc:postgresql://pg.kubezap-system.svc:5432/kubezap",
                        "username", "kubezap", "password", "admin-pw"))
                .build();
        return DatabaseSecretTestAccess.sessionSecret(admin, session, ROLE, password, token);
    }

    private static List<EnvVar> environment(StatefulSet host) {
        return host.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    }

    private static String value(List<EnvVar> environment, String name) {
        return environment.stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .map(EnvVar::getValue).orElse(null);
    }

    private static String reference(List<EnvVar> environment, String name) {
        return environment.stream().filter(variable -> variable.getName().equals(name)).findFirst()
                .map(variable -> variable.getValueFrom().getSecretKeyRef())
                .map(ref -> ref.getName() + "/" + ref.getKey()).orElse(null);
    }

    private static String decoded(Secret secret, String key) {
        return decodedValue(secret.getData().get(key));
    }

    private static String decodedValue(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
