package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/** The objects a {@code helm template} run produced, parsed into fabric8 model classes. */
record Manifests(List<HasMetadata> objects) {

    static Manifests parse(String renderedYaml) {
        List<HasMetadata> objects = Arrays.stream(renderedYaml.split("(?m)^---\\s*$"))
                .filter(Manifests::hasContent)
                .map(document -> Serialization.<HasMetadata>unmarshal(document))
                .toList();
        return new Manifests(objects);
    }

    private static boolean hasContent(String document) {
        return document.lines().anyMatch(line -> !line.isBlank() && !line.stripLeading().startsWith("#"));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The one object of {@code type} apart from the gateway's (which GatewayChartTest asserts by name) and the aggregated
     * ClusterRoles (UserRbacTest): the chart renders a ServiceAccount, Deployment, (Cluster)Role and Secret for the
     * gateway next to the operator's.
     */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = allButGateways(type);
        if (found.size() != 1) {
            throw new NoSuchElementException("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** The objects of {@code type} apart from the gateway's and the users' aggregated ClusterRoles. */
    <T extends HasMetadata> List<T> allButGateways(Class<T> type) {
        return all(type).stream().filter(object -> !isGateways(object) && !isUsers(object)).toList();
    }

    static boolean isGateways(HasMetadata object) {
        var labels = object.getMetadata().getLabels();
        return labels != null && "gateway".equals(labels.get("app.kubernetes.io/component"));
    }

    /** The ClusterRoles aggregated into Kubernetes' view/edit/admin: for users, not for a component. */
    static boolean isUsers(HasMetadata object) {
        var labels = object.getMetadata().getLabels();
        return labels != null && (labels.containsKey(AGGREGATE_TO_VIEW) || labels.containsKey(AGGREGATE_TO_EDIT));
    }

    static final String AGGREGATE_TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";
    static final String AGGREGATE_TO_EDIT = "rbac.authorization.k8s.io/aggregate-to-edit";

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name));
    }

    /** The operator container's environment by name (the chart sets only literal values there). */
    Map<String, String> operatorEnv() {
        return one(Deployment.class, "kubezap-operator").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue, (first, second) -> second, LinkedHashMap::new));
    }
}
