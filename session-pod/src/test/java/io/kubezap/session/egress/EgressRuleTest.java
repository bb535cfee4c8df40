package io.kubezap.session.egress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EgressRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"})
    void insideAddressesAreNotPublic(String address) throws Exception {
        assertThat(EgressRule.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "151.101.1.69", "2a03:2880:f12f:83:face:b00c::25de"})
    void internetAddressesArePublic(String address) throws Exception {
        assertThat(EgressRule.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void onlyPublicHostsAreReachable() {
        var none = AddressList.NONE;
        assertThat(new EgressRule(none).check(URI.create("http://127.0.0.1:8080/x")).refusal()).contains("private");
        assertThat(new EgressRule(none).check(URI.create("http://[::1]/x")).refusal()).contains("private");
        assertThat(new EgressRule(none).check(URI.create("http://169.254.169.254/latest")).refusal()).contains("link-local");
        assertThat(new EgressRule(none).check(URI.create("https://8.8.8.8/x.png")).refusal()).isNull();
    }

    @Test
    void onlyWhatTheClusterAdminListedIsReachableAmongPrivateAddresses() {
        var allowed = AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("10.20.0.0/16", " files.internal.example ", "fd00::7"));

        assertThat(new EgressRule(allowed).check(URI.create("http://10.20.3.4/report.pdf")).refusal()).isNull();
        EgressRule resolvingTheAllowedName = new EgressRule(allowed, AddressList.NONE, "", host -> new InetAddress[] {InetAddress.getByName("10.99.0.1")});
        assertThat(resolvingTheAllowedName.check(URI.create("http://FILES.internal.example/a.pdf")).refusal()).isNull();
        assertThat(resolvingTheAllowedName.check(URI.create("http://other.internal.example/a.pdf")).refusal()).contains("cluster admin");
        assertThat(new EgressRule(allowed).check(URI.create("http://[fd00::7]/a.pdf")).refusal()).isNull();
        assertThat(new EgressRule(allowed).check(URI.create("http://10.21.0.1/x")).refusal()).contains("cluster admin");
        assertThat(new EgressRule(allowed).check(URI.create("http://169.254.169.254/latest")).refusal()).contains("link-local");
        assertThat(new EgressRule(allowed).check(URI.create("http://127.0.0.1:10250/pods")).refusal()).contains("private");
    }

    @Test
    void aMalformedListIsRefusedNotGuessed() {
        assertThatThrownBy(() -> AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("files/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
