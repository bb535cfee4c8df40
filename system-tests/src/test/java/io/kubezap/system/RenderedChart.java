package io.kubezap.system;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart (helm/kubezap) rendered through helm-java for one set of values, its lookups answered by the API server
 * that {@code KUBECONFIG} names (the suite's failsafe configuration names a file; {@link #render} writes it first).
 * Applies what makes the operator's and gateway's identity and rights (the CRD, namespaces, ServiceAccounts, Roles,
 * bindings, Secrets), and gives the environment the chart's Deployments set for a container.
 */
final class RenderedChart {

    static final String RELEASE = "kubezap";
    static final String NAMESPACE = "kubezap-system";
    /** The kinds that decide who the operator and the gateway are and what they may do; nothing here runs. */
    private static final List<String> APPLIED_KINDS = List.of("CustomResourceDefinition", "Namespace", "ServiceAccount",
            "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Secret");
    private static final Set<String> CLUSTER_SCOPED = Set.of("CustomResourceDefinition", "Namespace", "ClusterRole",
            "ClusterRoleBinding", "StorageClass", "PriorityClass");

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /** {@code helm template kubezap helm/kubezap -n kubezap-system --set ...}, lookups against the server of {@code kubeconfig}. */
    static RenderedChart render(Path kubeconfig, KubernetesClient admin, Map<String, Object> values) {
        String lookupKubeconfig = System.getenv("KUBECONFIG");
        if (lookupKubeconfig == null || lookupKubeconfig.isBlank()) {
            throw new IllegalStateException("KUBECONFIG must name the file the chart's lookups read (the suite's failsafe configuration sets it)");
        }
        try {
            Files.copy(kubeconfig, Path.of(lookupKubeconfig), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path chart = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).resolve("helm/kubezap").toAbsolutePath().normalize();
        TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("1.36.0");
        values.forEach(template::set);
        String manifest = template.call();
        List<HasMetadata> objects = admin.load(new java.io.ByteArrayInputStream(
                manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8))).items();
        objects.stream().filter(object -> object.getMetadata().getNamespace() == null && !CLUSTER_SCOPED.contains(object.getKind()))
                .forEach(object -> object.getMetadata().setNamespace(NAMESPACE));
        return new RenderedChart(List.copyOf(objects));
    }

    /** Applies the chart's identity and rights objects (as {@code helm install} would create them), namespaces first. */
    void applyIdentitiesAndRights(KubernetesClient admin) {
        for (String kind : APPLIED_KINDS) {
            objects.stream().filter(object -> kind.equals(object.getKind()))
                    .forEach(object -> admin.resource(object).create());
        }
    }

    /** The rendered objects of a kind. */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The environment the chart's Deployment {@code deployment} gives its first container: literal values, and values
     * from a Secret read from the server; {@code JDK_JAVA_OPTIONS} left out (container sizing; processes here share a host).
     */
    Map<String, String> environment(String deployment, KubernetesClient admin) {
        Deployment found = all(Deployment.class).stream().filter(d -> deployment.equals(d.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the chart renders no Deployment " + deployment));
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : found.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv()) {
            if (variable.getName().equals("JDK_JAVA_OPTIONS")) {
                continue;
            }
            if (variable.getValueFrom() == null) {
                environment.put(variable.getName(), variable.getValue());
            } else if (variable.getValueFrom().getSecretKeyRef() != null) {
                var reference = variable.getValueFrom().getSecretKeyRef();
                var secret = admin.secrets().inNamespace(NAMESPACE).withName(reference.getName()).get();
                String encoded = secret == null || secret.getData() == null ? null : secret.getData().get(reference.getKey());
                if (encoded == null) {
                    throw new IllegalStateException(deployment + ": " + variable.getName() + " reads a missing Secret key " + reference);
                }
                environment.put(variable.getName(), new String(java.util.Base64.getDecoder().decode(encoded),
                        java.nio.charset.StandardCharsets.UTF_8));
            } else {
                throw new IllegalStateException(deployment + ": " + variable.getName() + " has a value source this test does not resolve");
            }
        }
        return environment;
    }
}
