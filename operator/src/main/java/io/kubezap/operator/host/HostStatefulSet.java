package io.kubezap.operator.host;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.contract.host.HostObjectNames;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.model.HostPodEnvironment;
import io.kubezap.operator.model.SessionObjects;
import io.kubezap.operator.model.SessionStatefulSet;

import java.util.ArrayList;
import java.util.List;

/**
 * Host {@code n} of a namespace: the StatefulSet {@code kubezap-host-<n>} of one pod, governed by the namespace's
 * headless Service, its sessions' files mounted from its own Secret ({@link HostSessionSecret}). One StatefulSet per
 * host, not one scaled to the host count: a StatefulSet's pods share one template, so they could not each mount a
 * Secret of their own, and a Secret mounted by {@code subPath} is never refreshed (decision record 0021).
 */
public final class HostStatefulSet {

    public static final String CONTAINER = "host";
    static final String SESSIONS_VOLUME = "sessions";
    static final String DATA_VOLUME = "data";
    static final String TMP_VOLUME = "tmp";
    static final String NODE_TOPOLOGY = "kubernetes.io/hostname";

    /** What the installation decides for every host: the session pods' image and pull policy, the host's resources and pool. */
    public record Settings(OperatorConfig config) {

        String image() {
            return config.session().image();
        }

        String imagePullPolicy() {
            return config.session().imagePullPolicy();
        }

        boolean platformAssignsUser() {
            return config.session().platformAssignsUser();
        }

        ResourceRequirements resources() {
            var host = config.host();
            return new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity(host.cpuRequest()))
                    .addToRequests("memory", new Quantity(host.memoryRequest()))
                    .addToLimits("memory", new Quantity(host.memoryLimit()))
                    .build();
        }
    }

    private HostStatefulSet() {
    }

    /** {@code poolDigest}: the digest of the namespace's pool Secret ({@code PodTemplateHash.secretDigest}), so that a changed login rolls the host. */
    public static StatefulSet desired(String namespace, int ordinal, Settings settings, String poolDigest) {
        String host = HostObjectNames.hostName(ordinal);
        return new StatefulSetBuilder()
                .withNewMetadata().withName(host).withNamespace(namespace).withLabels(HostObjects.labels(host)).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(SessionObjectNames.SESSIONS_SERVICE)
                .withPodManagementPolicy("Parallel")
                .withRevisionHistoryLimit(2)
                .withNewSelector().withMatchLabels(HostObjects.selector(host)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(HostObjects.labels(host))
                .addToAnnotations(SessionStatefulSet.DATABASE_DIGEST_ANNOTATION, poolDigest).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(SessionStatefulSet.podSecurityContext(settings.platformAssignsUser()))
                .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
                        .withMaxSkew(1)
                        .withTopologyKey(NODE_TOPOLOGY)
                        .withWhenUnsatisfiable("ScheduleAnyway")
                        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(HostObjects.allHosts()).build())
                        .build())
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(settings.image())
                        .withImagePullPolicy(settings.imagePullPolicy())
                        .addNewPort().withName("http").withContainerPort(SessionObjects.HTTP_PORT).withProtocol("TCP").endPort()
                        .addNewPort().withName(SessionObjects.MANAGEMENT_PORT_NAME).withContainerPort(SessionObjects.MANAGEMENT_PORT)
                        .withProtocol("TCP").endPort()
                        .withEnv(environment(namespace, settings.config()))
                        .withResources(settings.resources())
                        .withStartupProbe(SessionStatefulSet.httpProbe(SessionApi.STARTED_PROBE, 60))
                        .withLivenessProbe(SessionStatefulSet.httpProbe(SessionApi.LIVE_PROBE, 3))
                        .withReadinessProbe(SessionStatefulSet.httpProbe(SessionApi.READY_PROBE, 3))
                        .withSecurityContext(SessionStatefulSet.containerSecurityContext())
                        .withVolumeMounts(
                                new VolumeMountBuilder().withName(SESSIONS_VOLUME).withMountPath(HostSessionFile.DIRECTORY)
                                        .withReadOnly(true).build(),
                                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(HostPodEnvironment.DATA_DIR).build(),
                                new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build())
                        .build())
                .withVolumes(
                        new VolumeBuilder().withName(SESSIONS_VOLUME).withNewSecret()
                                .withSecretName(HostObjectNames.secretName(ordinal)).endSecret().build(),
                        new VolumeBuilder().withName(DATA_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /**
     * What is the host's alone, shared by its sessions: the session pod's rows a host takes from its environment
     * (its pool and storage mode among them), and where its sessions' files are. Each session's settings are in its file.
     */
    private static List<EnvVar> environment(String namespace, OperatorConfig config) {
        List<EnvVar> environment = new ArrayList<>(HostPodEnvironment.of(namespace, config));
        environment.add(new EnvVar(HostSessionFile.DIRECTORY_ENV, HostSessionFile.DIRECTORY, null));
        return environment;
    }
}
