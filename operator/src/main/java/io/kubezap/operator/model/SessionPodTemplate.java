package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.PodTemplate;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodSetting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A session's effective pod template: the operator's defaults for every session (the chart's
 * {@code session.podTemplate}) under the session's own {@code spec.podTemplate}. Maps (labels, annotations, node
 * selector) merge key by key and env merges by name, the session winning; the other fields are replaced whole. What
 * the operator sets itself (its labels, {@code kubezap.io/} annotations, the environment table) always wins: the CRD
 * refuses a session that tries, and {@link #defaults} refuses such defaults at start. A session's env that names a
 * variable a tenant may not set (not in {@link PodSetting#tenantSettable()}) gets no pod at all.
 */
final class SessionPodTemplate {

    static final String OPERATOR_ANNOTATIONS = "kubezap.io/";
    static final Set<String> OPERATOR_LABELS =
            Set.of(SessionObjects.LABEL_NAME, SessionObjects.LABEL_INSTANCE, SessionObjects.LABEL_MANAGED_BY);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final PodTemplate template;

    private SessionPodTemplate(PodTemplate template) {
        this.template = template;
    }

    /** The defaults from the operator's settings ({@code kubezap.session.pod-template}, JSON); none when unset. */
    static PodTemplate defaults(Optional<String> json) {
        PodTemplate defaults = json.filter(text -> !text.isBlank())
                .map(text -> SERIALIZATION.unmarshal(text, PodTemplate.class))
                .orElseGet(PodTemplate::new);
        List<String> owned = new ArrayList<>();
        keys(defaults.getLabels()).stream().filter(OPERATOR_LABELS::contains).forEach(owned::add);
        keys(defaults.getAnnotations()).stream().filter(key -> key.startsWith(OPERATOR_ANNOTATIONS)).forEach(owned::add);
        envNames(defaults.getEnv()).stream().filter(SessionPodEnvironment.names()::contains).forEach(owned::add);
        if (!owned.isEmpty()) {
            throw new IllegalArgumentException("kubezap.session.pod-template (the chart's session.podTemplate) sets what "
                    + "the operator sets itself: " + owned);
        }
        return defaults;
    }

    /**
     * The session's template over the defaults; {@link ReservedEnvironmentException} when the session's own env names
     * a variable no tenant may set (the chart's defaults are the cluster admin's: they may set JAVA_TOOL_OPTIONS).
     */
    static SessionPodTemplate of(PodTemplate defaults, WhatsAppSession session) {
        PodTemplate own = Optional.ofNullable(session.getSpec().getPodTemplate()).orElseGet(PodTemplate::new);
        List<String> reserved = envNames(own.getEnv()).stream().filter(name -> !PodSetting.tenantMaySet(name)).toList();
        if (!reserved.isEmpty()) {
            throw new ReservedEnvironmentException(reserved);
        }
        PodTemplate merged = new PodTemplate();
        merged.setLabels(merge(defaults, own, PodTemplate::getLabels));
        merged.setAnnotations(merge(defaults, own, PodTemplate::getAnnotations));
        merged.setNodeSelector(merge(defaults, own, PodTemplate::getNodeSelector));
        merged.setEnv(env(defaults.getEnv(), own.getEnv()));
        merged.setImagePullSecrets(either(defaults, own, PodTemplate::getImagePullSecrets));
        merged.setTolerations(either(defaults, own, PodTemplate::getTolerations));
        merged.setAffinity(either(defaults, own, PodTemplate::getAffinity));
        merged.setTopologySpreadConstraints(either(defaults, own, PodTemplate::getTopologySpreadConstraints));
        merged.setPriorityClassName(either(defaults, own, PodTemplate::getPriorityClassName));
        merged.setServiceAccountName(either(defaults, own, PodTemplate::getServiceAccountName));
        return new SessionPodTemplate(merged);
    }

    /** The template's labels under the operator's own {@code labels}. */
    Map<String, String> labels(Map<String, String> labels) {
        return under(template.getLabels(), labels);
    }

    /** The template's annotations under the operator's own {@code annotations}. */
    Map<String, String> annotations(Map<String, String> annotations) {
        return under(template.getAnnotations(), annotations);
    }

    /** The operator's environment, then the template's extra variables (none of which it sets). */
    List<EnvVar> env(List<EnvVar> operators) {
        if (template.getEnv() == null) {
            return operators;
        }
        List<EnvVar> env = new ArrayList<>(operators);
        template.getEnv().stream().filter(extra -> operators.stream().noneMatch(own -> own.getName().equals(extra.getName())))
                .forEach(env::add);
        return env;
    }

    /** Scheduling, pulling and identity: set on {@code spec} only where the template has a value. */
    void applyTo(PodSpec spec) {
        if (template.getImagePullSecrets() != null) {
            spec.setImagePullSecrets(template.getImagePullSecrets());
        }
        if (template.getNodeSelector() != null) {
            spec.setNodeSelector(template.getNodeSelector());
        }
        if (template.getTolerations() != null) {
            spec.setTolerations(template.getTolerations());
        }
        spec.setAffinity(template.getAffinity());
        if (template.getTopologySpreadConstraints() != null) {
            spec.setTopologySpreadConstraints(template.getTopologySpreadConstraints());
        }
        spec.setPriorityClassName(template.getPriorityClassName());
        spec.setServiceAccountName(template.getServiceAccountName());
    }

    private static Map<String, String> under(Map<String, String> template, Map<String, String> operators) {
        Map<String, String> merged = new TreeMap<>(template == null ? Map.of() : template);
        merged.putAll(operators);
        return merged;
    }

    private static Map<String, String> merge(PodTemplate defaults, PodTemplate own,
                                             Function<PodTemplate, Map<String, String>> field) {
        Map<String, String> first = field.apply(defaults);
        Map<String, String> second = field.apply(own);
        if (first == null && second == null) {
            return null;
        }
        Map<String, String> merged = new TreeMap<>(first == null ? Map.of() : first);
        merged.putAll(second == null ? Map.of() : second);
        return merged;
    }

    private static List<EnvVar> env(List<EnvVar> defaults, List<EnvVar> own) {
        if (defaults == null && own == null) {
            return null;
        }
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        (defaults == null ? List.<EnvVar>of() : defaults).forEach(variable -> byName.put(variable.getName(), variable));
        (own == null ? List.<EnvVar>of() : own).forEach(variable -> byName.put(variable.getName(), variable));
        return List.copyOf(byName.values());
    }

    private static <T> T either(PodTemplate defaults, PodTemplate own, Function<PodTemplate, T> field) {
        T value = field.apply(own);
        return value != null ? value : field.apply(defaults);
    }

    private static List<String> keys(Map<String, String> map) {
        return map == null ? List.of() : List.copyOf(map.keySet());
    }

    private static List<String> envNames(List<EnvVar> env) {
        return env == null ? List.of() : env.stream().map(EnvVar::getName).toList();
    }
}
