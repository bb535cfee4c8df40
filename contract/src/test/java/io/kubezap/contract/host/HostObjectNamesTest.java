package io.kubezap.contract.host;

import io.kubezap.contract.SessionObjectNames;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 81: a host-placed session is reached at its host pod under the namespace's headless Service. */
class HostObjectNamesTest {

    @Test
    void aHostIsAStatefulSetOfOnePodUnderTheNamespacesHeadlessService() {
        assertThat(HostObjectNames.hostName(3)).isEqualTo("kubezap-host-3");
        assertThat(HostObjectNames.podName(3)).isEqualTo("kubezap-host-3-0");
        assertThat(HostObjectNames.secretName(3)).isEqualTo("kubezap-host-3-sessions");
        assertThat(HostObjectNames.baseUrl(SessionObjectNames.BASE_URL_TEMPLATE, "tenant-a", 3))
                .isEqualTo("http://kubezap-host-3-0.kubezap-sessions.tenant-a.svc:8080");
    }

    @Test
    void onlyAHostsNameGivesAnOrdinal() {
        assertThat(HostObjectNames.ordinalOf("kubezap-host-12")).isEqualTo(OptionalInt.of(12));
        for (String other : new String[] {null, "", "kubezap-host-", "kubezap-host-01", "kubezap-host-1x", "shop",
                "kubezap-host-1.evil.example", "kubezap-host-9999999"}) {
            assertThat(HostObjectNames.ordinalOf(other)).as(other).isEmpty();
        }
    }
}
