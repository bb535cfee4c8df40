package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.kubezap.contract.PodSetting;

import java.util.List;
import java.util.Map;

/**
 * Where and how the session pod runs, beside what the operator sets itself. The same shape holds the chart's defaults
 * for every session ({@code session.podTemplate}); a session's own fields take precedence over them (maps merged key by
 * key, env by name, the other fields replaced whole).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplate {

    /** Bounds the API server's CEL cost estimate of the rules over these maps needs (docs/crd-versioning.md). */
    public static final int MAX_LABELS = 64;
    public static final int MAX_ANNOTATIONS = 64;

    /** The labels the operator selects and counts its pods by. */
    public static final String LABELS_RULE = "self.all(k, !(k in ['app.kubernetes.io/name', 'app.kubernetes.io/instance', "
            + "'app.kubernetes.io/managed-by']))";
    public static final String ANNOTATIONS_RULE = "self.all(k, !k.startsWith('kubezap.io/'))";
    /** Replaced in the generated CRD by {@link PodSetting#tenantSettableAsCel()} (src/build/CrdPostProcessor.java). */
    public static final String TENANT_SETTABLE_CEL = "${PodSetting.tenantSettable:CEL}";
    /**
     * An allow-list: only the pod's own tuning ({@link PodSetting#tenantSettable()}) may be set; every other name, the
     * operator's or one the JVM, the loader, Node.js, OpenSSL or glibc act on, is refused.
     */
    static final String ENV_RULE_TEMPLATE = "self.all(e, e.name in " + TENANT_SETTABLE_CEL + ")";
    /** The rule as the CRD holds it. */
    public static final String ENV_RULE = envRule(ENV_RULE_TEMPLATE);

    @JsonPropertyDescription("Labels added to the session pod. The operator's own (app.kubernetes.io/name, instance, managed-by) cannot be set.")
    @ValidationRule(value = LABELS_RULE, reason = "FieldValueForbidden",
            message = "app.kubernetes.io/name, app.kubernetes.io/instance and app.kubernetes.io/managed-by are the operator's labels")
    @Size(max = PodTemplate.MAX_LABELS)
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations added to the session pod. Keys under kubezap.io/ are the operator's.")
    @ValidationRule(value = ANNOTATIONS_RULE, reason = "FieldValueForbidden",
            message = "annotations under kubezap.io/ are the operator's")
    @Size(max = PodTemplate.MAX_ANNOTATIONS)
    private Map<String, String> annotations;

    @JsonPropertyDescription("Secrets (in the session's namespace) holding credentials for pulling the session pod's image from a private registry.")
    @Size(max = 16)
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("Node labels the session pod must be scheduled on.")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Taints the session pod tolerates.")
    @Size(max = 32)
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node and pod affinity of the session pod, as in a Pod's spec.affinity.")
    private Affinity affinity;

    @JsonPropertyDescription("How session pods spread across zones or nodes, as in a Pod's spec.topologySpreadConstraints; select pods with app.kubernetes.io/name: kubezap-session.")
    @Size(max = 8)
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PriorityClass of the session pod.")
    @Size(max = 253)
    private String priorityClassName;

    @JsonPropertyDescription("ServiceAccount the session pod runs as (its token is not mounted: the pod never calls the Kubernetes API). Empty: the namespace's default.")
    @Size(max = 253)
    private String serviceAccountName;

    @JsonPropertyDescription("Extra environment variables of the session container: only the pod's own tuning, e.g. KUBEZAP_SEND_MAX_ATTEMPTS or KUBEZAP_WEBHOOK_* retry settings (the list is in session-pod/README.md). Any other name is refused.")
    @Size(max = 64)
    @ValidationRule(value = ENV_RULE_TEMPLATE, reason = "FieldValueForbidden",
            message = "not a variable a tenant may set: only the pod's own tuning (KUBEZAP_SEND_MAX_ATTEMPTS, KUBEZAP_WEBHOOK_*, ..., "
                    + "as session-pod/README.md lists them, in upper case) is allowed")
    private List<EnvVar> env;

    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }

    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }

    public List<LocalObjectReference> getImagePullSecrets() { return imagePullSecrets; }
    public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) { this.imagePullSecrets = imagePullSecrets; }

    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }

    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }

    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() { return topologySpreadConstraints; }
    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> constraints) { this.topologySpreadConstraints = constraints; }

    public String getPriorityClassName() { return priorityClassName; }
    public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }

    public String getServiceAccountName() { return serviceAccountName; }
    public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }

    /** The rule with the table's names in place of its placeholders, as the build's post-processor writes it. */
    public static String envRule(String template) {
        return template.replace(TENANT_SETTABLE_CEL, PodSetting.tenantSettableAsCel());
    }

    public List<EnvVar> getEnv() { return env; }
    public void setEnv(List<EnvVar> env) { this.env = env; }
}
