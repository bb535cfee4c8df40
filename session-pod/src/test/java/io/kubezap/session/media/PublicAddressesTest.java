package io.kubezap.session.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"})
    void insideAddressesAreNotPublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "151.101.1.69", "2a03:2880:f12f:83:face:b00c::25de"})
    void internetAddressesArePublic(String address) throws Exception {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void onlyHttpUrlsWithoutCredentialsToPublicHostsMayBeFetched() {
        assertThat(PublicAddresses.refusal(URI.create("http://127.0.0.1:8080/x"), false)).contains("private");
        assertThat(PublicAddresses.refusal(URI.create("http://[::1]/x"), false)).contains("private");
        assertThat(PublicAddresses.refusal(URI.create("http://169.254.169.254/latest"), false)).contains("link-local");
        assertThat(PublicAddresses.refusal(URI.create("ftp://8.8.8.8/x"), false)).contains("http");
        assertThat(PublicAddresses.refusal(URI.create("http://user:pw@8.8.8.8/x"), false)).contains("user information");
        assertThat(PublicAddresses.refusal(URI.create("https://8.8.8.8/x.png"), false)).isNull();
        assertThat(PublicAddresses.refusal(URI.create("http://127.0.0.1:8080/x"), true)).isNull();
    }
}
