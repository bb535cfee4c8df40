package io.kubezap.session.proxy;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.ProxyKind;
import io.quarkus.runtime.configuration.ConfigurationException;

import java.net.URI;
import java.util.Optional;

/**
 * The session's proxy ({@code KUBEZAP_PROXY_URL}, {@code KUBEZAP_PROXY_USERNAME}, {@code KUBEZAP_PROXY_PASSWORD}).
 * Its text form never carries the password.
 */
public record SessionProxy(ProxyKind kind, String host, int port, Optional<String> username, Optional<String> password) {

    /** The proxy the environment names, if any; a malformed one ends start-up with one line naming the variable. */
    static Optional<SessionProxy> from(Optional<String> url, Optional<String> username, Optional<String> password) {
        Optional<String> raw = url.map(String::trim).filter(text -> !text.isEmpty());
        Optional<String> user = username.filter(text -> !text.isEmpty());
        Optional<String> secret = password.filter(text -> !text.isEmpty());
        if (raw.isEmpty()) {
            require(user.isEmpty() && secret.isEmpty(), PodEnvironment.PROXY_USERNAME, "is set, but no " + PodEnvironment.PROXY_URL);
            return Optional.empty();
        }
        require(user.isPresent() == secret.isPresent(), PodEnvironment.PROXY_PASSWORD,
                "and " + PodEnvironment.PROXY_USERNAME + " go together: set both or neither");
        URI parsed;
        try {
            parsed = new URI(raw.get());
        } catch (java.net.URISyntaxException malformed) {
            throw invalid("must be http://host:port or socks5://host:port, got '" + raw.get() + "'");
        }
        ProxyKind kind = ProxyKind.ofScheme(parsed.getScheme());
        require(kind != null && parsed.getHost() != null && parsed.getPort() > 0, PodEnvironment.PROXY_URL,
                "must be http://host:port or socks5://host:port, got '" + raw.get() + "'");
        require(parsed.getRawUserInfo() == null, PodEnvironment.PROXY_URL,
                "must not carry credentials: set " + PodEnvironment.PROXY_USERNAME + " and " + PodEnvironment.PROXY_PASSWORD);
        require(parsed.getRawPath() == null || parsed.getRawPath().isEmpty() || parsed.getRawPath().equals("/"),
                PodEnvironment.PROXY_URL, "names a proxy, not a path: got '" + raw.get() + "'");
        String host = parsed.getHost().startsWith("[") ? parsed.getHost().substring(1, parsed.getHost().length() - 1)
                : parsed.getHost();
        return Optional.of(new SessionProxy(kind, host, parsed.getPort(), user, secret));
    }

    /** {@code socks5://host:port}, for messages and logs. */
    public String address() {
        return kind.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return address() + username.map(user -> " (as " + user + ")").orElse("");
    }

    private static void require(boolean condition, String variable, String problem) {
        if (!condition) {
            throw new ConfigurationException("Invalid configuration: " + variable + " " + problem);
        }
    }

    private static ConfigurationException invalid(String problem) {
        return new ConfigurationException("Invalid configuration: " + PodEnvironment.PROXY_URL + " " + problem);
    }
}
