package io.kubezap.session.proxy;

import io.kubezap.contract.ProxyKind;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** KUBEZAP_PROXY_*: what a proxy setting means, and the one line that names a wrong one. */
class SessionProxyTest {

    @Test
    void aSocksProxyWithCredentials() {
        var proxy = SessionProxy.from(Optional.of(" socks5://proxy.example.net:1080 "), Optional.of("loja"), Optional.of("s3cret"));

        assertThat(proxy).contains(new SessionProxy(ProxyKind.SOCKS5, "proxy.example.net", 1080, Optional.of("loja"),
                Optional.of("s3cret")));
        assertThat(proxy.orElseThrow().toString()).isEqualTo("socks5://proxy.example.net:1080 (as loja)").doesNotContain("s3cret");
    }

    @Test
    void anHttpProxyOnAnIpv6Address() {
        var proxy = SessionProxy.from(Optional.of("http://[fd00::8]:3128"), Optional.empty(), Optional.empty()).orElseThrow();

        assertThat(proxy.kind()).isEqualTo(ProxyKind.HTTP);
        assertThat(proxy.host()).isEqualTo("fd00::8");
        assertThat(proxy.address()).isEqualTo("http://[fd00::8]:3128");
    }

    @Test
    void noUrlNoProxy() {
        assertThat(SessionProxy.from(Optional.of(" "), Optional.empty(), Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @CsvSource(nullValues = "-", value = {
            "socks4://proxy:1080,     -,    -,      KUBEZAP_PROXY_URL must be http://host:port or socks5://host:port",
            "http://proxy,            -,    -,      KUBEZAP_PROXY_URL must be http://host:port or socks5://host:port",
            "http://u:p@proxy:3128,   -,    -,      KUBEZAP_PROXY_URL must not carry credentials",
            "http://proxy:3128/path,  -,    -,      KUBEZAP_PROXY_URL names a proxy, not a path",
            "http://proxy:3128,       loja, -,      KUBEZAP_PROXY_PASSWORD and KUBEZAP_PROXY_USERNAME go together",
            "-,                       loja, s3cret, KUBEZAP_PROXY_USERNAME is set, but no KUBEZAP_PROXY_URL",
    })
    void aWrongSettingStopsTheStartWithOneLineNamingIt(String url, String username, String password, String message) {
        assertThatThrownBy(() -> SessionProxy.from(Optional.ofNullable(url), Optional.ofNullable(username), Optional.ofNullable(password)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(message);
    }
}
