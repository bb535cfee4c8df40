package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionObjectNames;
import io.kubezap.contract.host.HostObjectNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the gateway sends a session's calls (issue 50 part 2): under the namespace's headless Service, unless the
 * session's status reports its own Service (a StatefulSet made by an earlier release keeps it); a status naming any
 * other host is not followed. Templates written for the per-session Service ({@code {service}}) still work.
 */
class SessionUrlTest {

    private static final String DEFAULT = SessionObjectNames.BASE_URL_TEMPLATE;

    @Test
    void aSessionIsReachedUnderItsNamespacesHeadlessService() {
        assertThat(SessionObjectNames.baseUrl(DEFAULT, "shop", "loja-01", null))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        assertThat(SessionObjectNames.baseUrl(DEFAULT, "shop", "loja-01", "http://loja-01-0.kubezap-sessions.shop.svc:8080"))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
    }

    @Test
    void aSessionStillOnItsOwnServiceIsReachedThere() {
        assertThat(SessionObjectNames.baseUrl(DEFAULT, "shop", "loja-01", "http://loja-01.shop.svc:8080"))
                .isEqualTo("http://loja-01.shop.svc:8080");
    }

    @Test
    void aStatusNamingAnotherHostIsNotFollowed() {
        assertThat(SessionObjectNames.baseUrl(DEFAULT, "shop", "loja-01", "http://loja-02.shop.svc:8080"))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        assertThat(SessionObjectNames.baseUrl(DEFAULT, "shop", "loja-01", "http://attacker.example/"))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
    }

    @Test
    void aTemplateWrittenForThePerSessionServiceReachesThePodToo() {
        assertThat(SessionObjectNames.baseUrl("http://{service}.{namespace}.svc.cluster.local:{port}", "shop", "loja-01", null))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc.cluster.local:8080");
    }

    /** Issue 81: a session on a host is reached at that host's pod; the path below it names the session as before. */
    @Test
    void aSessionOnAHostIsReachedAtItsHostsPod() {
        assertThat(HostObjectNames.sessionBaseUrl(DEFAULT, "shop", "loja-01", "http://kubezap-host-2-0.kubezap-sessions.shop.svc:8080",
                "kubezap-host-2")).isEqualTo("http://kubezap-host-2-0.kubezap-sessions.shop.svc:8080");
        assertThat(HostObjectNames.sessionBaseUrl(DEFAULT, "shop", "loja-01", null, null))
                .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
    }

    /** A status can only name one of the namespace's hosts: any other name falls back to the session's own pod. */
    @Test
    void aStatusHostThatIsNoHostIsNotFollowed() {
        for (String host : new String[] {"loja-02", "attacker.example", "kubezap-host-1.other-namespace", "kubezap-host-01", ""}) {
            assertThat(HostObjectNames.sessionBaseUrl(DEFAULT, "shop", "loja-01", null, host)).as(host)
                    .isEqualTo("http://loja-01-0.kubezap-sessions.shop.svc:8080");
        }
    }
}
