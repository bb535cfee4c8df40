package io.kubezap.session.child;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment a child process of the pod (the Baileys bridge's node, ffmpeg, ffprobe, libheif's tools) starts
 * with: empty, then the few variables it needs, item by item. The pod's own environment holds what the operator, the
 * chart and a tenant's {@code spec.podTemplate.env} set; a child inheriting it would act on what it names before any
 * of the pod's checks ({@code OPENSSL_CONF} loading a module from a received file, {@code HTTPS_PROXY} routing around
 * the egress rules, {@code LD_PRELOAD}, {@code NODE_OPTIONS}, {@code GCONV_PATH}...).
 */
public final class ChildEnvironment {

    /** What every child takes from the pod: where the programs are, the locale, where temporary files go. */
    private static final List<String> EVERY_CHILD = List.of("PATH", "LANG", "TMPDIR");

    private final Map<String, String> pod;

    /** {@code pod}: the pod's own environment, the variables a child may be given copied from it. */
    public ChildEnvironment(Map<String, String> pod) {
        this.pod = Map.copyOf(pod);
    }

    /** Over the pod's environment as the JVM has it. */
    public static ChildEnvironment ofPod() {
        // the child's variables are copied from the process' environment as it is, not from the pod's settings
        return new ChildEnvironment(System.getenv());
    }

    /**
     * The child's whole environment: {@link #EVERY_CHILD} and {@code fromPod} as the pod has them (when it has them),
     * then {@code own}, the values the pod chose for this child.
     */
    public Map<String, String> of(Collection<String> fromPod, Map<String, String> own) {
        var environment = new HashMap<String, String>();
        for (String name : EVERY_CHILD) {
            copy(name, environment);
        }
        for (String name : fromPod) {
            copy(name, environment);
        }
        environment.putAll(own);
        return Map.copyOf(environment);
    }

    /** Empties {@code builder}'s environment (a copy of the pod's until now) and gives it only {@code environment}. */
    public static ProcessBuilder startingWith(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private void copy(String name, Map<String, String> into) {
        String value = pod.get(name);
        if (value != null) {
            into.put(name, value);
        }
    }
}
