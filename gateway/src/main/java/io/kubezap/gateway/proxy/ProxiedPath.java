package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionPath;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path the proxy serves: {@code /api/v1/namespaces/{ns}/sessions/{name}/{rest}}, or {@code /api/v1/sessions/{name}/
 * {rest}} in the gateway's default namespace (so a client written for a session pod works unchanged), matched on the
 * path as sent. {@code rest} is read once by the rule the pod serves by ({@link SessionPath}): the call is judged by it
 * and the pod gets it in its plain spelling, never as the caller wrote it.
 */
record ProxiedPath(String namespace, String name, SessionPath rest, String publicBase) {

    static final String NAMESPACED = "^/api/v1/namespaces/([^/]+)/sessions/([^/]+)/(.+)$";
    static final String IN_DEFAULT_NAMESPACE = "^/api/v1/sessions/([^/]+)/(.+)$";
    private static final Pattern NAMESPACED_PATH = Pattern.compile(NAMESPACED);
    private static final Pattern DEFAULT_PATH = Pattern.compile(IN_DEFAULT_NAMESPACE);

    /** The path as sent; {@link SessionPath.Refused} when no server can be trusted to read its rest alike. */
    static ProxiedPath of(String rawPath, String defaultNamespace) {
        Matcher namespaced = NAMESPACED_PATH.matcher(rawPath);
        if (namespaced.matches()) {
            return new ProxiedPath(namespaced.group(1), namespaced.group(2), SessionPath.of(namespaced.group(3)),
                    "/api/v1/namespaces/" + namespaced.group(1) + "/sessions/" + namespaced.group(2));
        }
        Matcher inDefault = DEFAULT_PATH.matcher(rawPath);
        if (!inDefault.matches()) {
            throw new SessionPath.Refused("'" + rawPath + "' is a session's path only once '.', '..' or empty segments "
                    + "are resolved");
        }
        return new ProxiedPath(defaultNamespace, inDefault.group(1), SessionPath.of(inDefault.group(2)),
                "/api/v1/sessions/" + inDefault.group(1));
    }
}
