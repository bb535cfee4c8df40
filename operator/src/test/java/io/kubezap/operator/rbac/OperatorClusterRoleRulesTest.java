package io.kubezap.operator.rbac;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.LeaderElectionProducer;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.gateway.GatewayKeyCopies;
import io.kubezap.operator.model.ClaimExpansion;
import io.kubezap.operator.namespace.NamespaceObjects;
import io.kubezap.operator.polling.SessionPodPoller;
import io.kubezap.operator.polling.StuckPodReplacement;
import io.kubezap.operator.reconciler.SessionVolumeRelease;
import io.kubezap.operator.reconciler.WhatsAppSessionReconciler;
import io.kubezap.operator.workflow.DatabaseSecretSource;
import io.kubezap.operator.workflow.OwnedDependent;
import io.kubezap.operator.workflow.ReferencedSecrets;
import io.kubezap.operator.workflow.SessionHosts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * helm/kubezap/files/operator-clusterrole-rules.yaml grants exactly what the operator uses: the primary resource,
 * every dependent of the reconciler's workflow (informer + the operations its interfaces allow) and the few direct
 * API calls listed in {@link #DIRECT_CALLS}. A missing rule and a rule nobody needs both fail.
 * <p>
 * On a cluster the operator writes with server-side apply: a create and an update are both a {@code patch} (an apply
 * that creates an object is also authorised as {@code create}); finalizers are added and removed by patching the
 * resource, and owner references carry {@code blockOwnerDeletion: false}, so {@code /finalizers} needs nothing. JOSDK
 * only deletes a garbage-collected dependent when its reconcile precondition stops holding.
 */
class OperatorClusterRoleRulesTest {

    /** API calls made outside the workflow's Kubernetes dependents, each with the class that makes it. */
    private static final List<Access> DIRECT_CALLS = List.of(
            // patch of a named Event: fabric8 reads it first (a real API server refused the get without the rule)
            new Access(Event.class, "", List.of("get", "create", "patch"), EventRecorder.class),
            new Access(Secret.class, "", List.of("list", "watch"), ReferencedSecrets.class),
            new Access(io.fabric8.kubernetes.api.model.ConfigMap.class, "", List.of("list", "watch"),
                    io.kubezap.operator.workflow.NamespaceDefaults.class),
            new Access(Secret.class, "", List.of("get"), DatabaseSecretSource.class),
            new Access(Pod.class, "", List.of("get", "delete"), StuckPodReplacement.class),
            // by the poller's PodAsker (package-private): the pod by name, and while it is missing its StatefulSet's
            // FailedCreate Events
            new Access(Pod.class, "", List.of("get"), SessionPodPoller.class),
            new Access(Event.class, "", List.of("list"), SessionPodPoller.class),
            new Access(PersistentVolumeClaim.class, "", List.of("get", "patch"), ClaimExpansion.class),
            new Access(PersistentVolumeClaim.class, "", List.of("delete"), SessionVolumeRelease.class),
            new Access(StatefulSet.class, "", List.of("get", "patch"), SessionVolumeRelease.class),
            new Access(Pod.class, "", List.of("get"), SessionVolumeRelease.class),
            new Access(StorageClass.class, "", List.of("get"), ClaimExpansion.class),
            new Access(Service.class, "", List.of("get", "list", "watch", "create", "update", "delete"), NamespaceObjects.class),
            new Access(NetworkPolicy.class, "", List.of("get", "list", "watch", "create", "update", "delete"),
                    NamespaceObjects.class),
            // a namespace's session hosts: each written when it differs (create, or update over it), the surplus deleted
            new Access(Secret.class, "", List.of("get", "list", "create", "update", "delete"), SessionHosts.class),
            new Access(StatefulSet.class, "", List.of("get", "list", "create", "update", "delete"), SessionHosts.class),
            new Access(io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, "",
                    List.of("get", "create", "update", "delete"), SessionHosts.class),
            // fabric8 7's LeaseLock: get, create, renewal by patch (ResourceLock.update); JOSDK's start-up check
            // demands update too (a real API server: "No permission to lease resource ... missing required verbs")
            new Access(Lease.class, "", List.of("get", "create", "update", "patch"), LeaderElectionProducer.class));

    /** In the gateway's namespace (helm/kubezap/files/operator-gateway-namespace-rules.yaml, a Role there). */
    private static final List<Access> GATEWAY_NAMESPACE_CALLS = List.of(
            new Access(Secret.class, "", List.of("get", "list", "watch", "create", "patch", "delete"), GatewayKeyCopies.class));

    @Test
    void rulesFileGrantsExactlyWhatTheCodeUses() throws IOException {
        assertThat(granted(rules())).containsExactlyInAnyOrderElementsOf(used(Namespaced.class::isAssignableFrom));
    }

    /**
     * Issue 53 item 9: what the code reads of cluster-scoped resources is granted apart, by a ClusterRole in every mode
     * (with watchNamespaces the namespaced rules become Roles, which cannot grant them: a 403 forever).
     */
    @Test
    void clusterScopedResourcesAreGrantedApartFromTheNamespacedOnes() throws IOException {
        assertThat(granted(clusterScopedRules()))
                .containsExactlyInAnyOrderElementsOf(used(type -> !Namespaced.class.isAssignableFrom(type)))
                .isNotEmpty();
    }

    @Test
    void gatewayNamespaceRulesGrantExactlyWhatTheKeyCopiesUse() throws IOException {
        Set<String> used = new TreeSet<>();
        GATEWAY_NAMESPACE_CALLS.forEach(access -> add(used, access.resource(), access.subresource(),
                access.verbs().toArray(String[]::new)));
        assertThat(granted(gatewayNamespaceRules())).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void rulesFileHasNoWildcardsAndNoResourceNames() throws IOException {
        assertThat(Stream.of(rules(), clusterScopedRules(), gatewayNamespaceRules()).flatMap(List::stream)).allSatisfy(rule -> {
            assertThat(Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs()).flatMap(List::stream))
                    .noneMatch(entry -> entry.contains("*"));
            assertThat(rule.getResourceNames()).isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
    }

    /** What the code uses of the resources {@code which} accepts. */
    private static Set<String> used(Predicate<Class<? extends HasMetadata>> which) {
        Set<String> used = new TreeSet<>();
        Class<WhatsAppSession> primary = WhatsAppSession.class;
        add(used, which, primary, "", "get", "list", "watch");
        if (Cleaner.class.isAssignableFrom(WhatsAppSessionReconciler.class)) {
            add(used, which, primary, "", "patch");
        }
        add(used, which, primary, "/status", "patch");
        for (Dependent dependent : WhatsAppSessionReconciler.class.getAnnotation(Workflow.class).dependents()) {
            Class<?> type = dependent.type();
            if (!KubernetesDependentResource.class.isAssignableFrom(type)) {
                continue; // the role (the database), the key copy and the claim expansion: their calls are listed apart
            }
            Class<? extends HasMetadata> resource = resourceOf(type);
            add(used, which, resource, "", "list", "watch");
            if (Creator.class.isAssignableFrom(type)) {
                add(used, which, resource, "", "create", "patch");
            }
            if (OwnedDependent.class.isAssignableFrom(type)) {
                add(used, which, resource, "", "get");
            }
            if (Updater.class.isAssignableFrom(type)) {
                add(used, which, resource, "", "patch");
            }
            if (Deleter.class.isAssignableFrom(type) && dependent.reconcilePrecondition() != Condition.class) {
                add(used, which, resource, "", "delete");
            }
        }
        DIRECT_CALLS.forEach(access -> add(used, which, access.resource(), access.subresource(),
                access.verbs().toArray(String[]::new)));
        return used;
    }

    private static Set<String> granted(List<PolicyRule> rules) {
        Set<String> granted = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        return granted;
    }

    private static List<PolicyRule> rules() throws IOException {
        Path file = Path.of(System.getProperty("operator.rbacRulesFile",
                "../helm/kubezap/files/operator-clusterrole-rules.yaml"));
        return Arrays.asList(new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), PolicyRule[].class));
    }

    private static List<PolicyRule> clusterScopedRules() throws IOException {
        Path file = Path.of("../helm/kubezap/files/operator-cluster-scoped-rules.yaml");
        return Arrays.asList(new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), PolicyRule[].class));
    }

    private static List<PolicyRule> gatewayNamespaceRules() throws IOException {
        Path file = Path.of("../helm/kubezap/files/operator-gateway-namespace-rules.yaml");
        return Arrays.asList(new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), PolicyRule[].class));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends HasMetadata> resourceOf(Class<?> dependentType) {
        var generic = (ParameterizedType) dependentType.getGenericSuperclass();
        return (Class<? extends HasMetadata>) generic.getActualTypeArguments()[0];
    }

    private static void add(Set<String> used, Predicate<Class<? extends HasMetadata>> which, Class<? extends HasMetadata> type,
                            String subresource, String... verbs) {
        if (which.test(type)) {
            add(used, type, subresource, verbs);
        }
    }

    private static void add(Set<String> used, Class<? extends HasMetadata> type, String subresource, String... verbs) {
        for (String verb : verbs) {
            used.add(HasMetadata.getGroup(type) + "/" + HasMetadata.getPlural(type) + subresource + ":" + verb);
        }
    }

    private record Access(Class<? extends HasMetadata> resource, String subresource, List<String> verbs, Class<?> by) {
    }
}
