package io.kubezap.gateway.proxy;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path the proxy serves: {@code /api/v1/namespaces/{ns}/sessions/{name}/{rest}}, or {@code /api/v1/sessions/{name}/
 * {rest}} in the gateway's default namespace (so a client written for a session pod works unchanged). {@code rest}
 * stays as the caller encoded it, for the pod; {@link #decodedRest()} is what the pod will resolve, for judging it.
 */
record ProxiedPath(String namespace, String name, String rest, String publicBase) {

    static final String NAMESPACED = "^/api/v1/namespaces/([^/]+)/sessions/([^/]+)/(.+)$";
    static final String IN_DEFAULT_NAMESPACE = "^/api/v1/sessions/([^/]+)/(.+)$";
    private static final Pattern NAMESPACED_PATH = Pattern.compile(NAMESPACED);
    private static final Pattern DEFAULT_PATH = Pattern.compile(IN_DEFAULT_NAMESPACE);

    static ProxiedPath of(String rawPath, String defaultNamespace) {
        Matcher namespaced = NAMESPACED_PATH.matcher(rawPath);
        if (namespaced.matches()) {
            return new ProxiedPath(namespaced.group(1), namespaced.group(2), namespaced.group(3),
                    "/api/v1/namespaces/" + namespaced.group(1) + "/sessions/" + namespaced.group(2));
        }
        Matcher inDefault = DEFAULT_PATH.matcher(rawPath);
        if (!inDefault.matches()) {
            throw new IllegalArgumentException("not a proxied path: " + rawPath);
        }
        return new ProxiedPath(defaultNamespace, inDefault.group(1), inDefault.group(2),
                "/api/v1/sessions/" + inDefault.group(1));
    }

    /** {@code rest} percent-decoded ({@code %2e%2e} is {@code ..} to the pod); as given when it cannot be decoded. */
    String decodedRest() {
        try {
            return URI.create("/" + rest).getPath().substring(1);
        } catch (IllegalArgumentException unreadable) {
            return rest;
        }
    }
}
