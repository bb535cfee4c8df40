package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.kubezap.api.v1alpha1.EventSink;
import io.kubezap.api.v1alpha1.PodTemplate;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.contract.StorageMode;
import io.kubezap.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The session pod as a model: a session's spec, the operator's settings and the {@link PodInputs} in, its StatefulSet
 * out (at most one pod: WhatsApp allows one socket per device; 0 replicas while suspended; the key store on a claim
 * from {@code spec.storage}, or in Database mode in PostgreSQL with an emptyDir cache and no claim: {@link StorageModes}). Reads nothing from the cluster; the environment comes from {@link SessionPodEnvironment}.
 */
@ApplicationScoped
public class SessionStatefulSet {

    public static final String CONTAINER = "session";
    static final String DATA_VOLUME = "data";
    static final String TMP_VOLUME = "tmp";
    static final String WEBHOOKS_VOLUME = "webhooks";
    static final String EVENT_SINKS_VOLUME = "event-sinks";
    static final long RUN_AS = 1000L;
    /** Digest of the database credentials the pod was started with (see {@code workflow.DatabaseSecretDependent}). */
    public static final String DATABASE_DIGEST_ANNOTATION = "kubezap.io/database-digest";
    /** Digest of the other Secret values the pod reads (API key, webhook signing secrets): see {@code workflow.ReferencedSecrets}. */
    public static final String SECRETS_DIGEST_ANNOTATION = "kubezap.io/secrets-digest";
    /**
     * The cluster autoscaler does not drain a node for a pod with local storage unless told which of its volumes may be
     * lost (emptyDir scratch: /tmp); the session's data is on its claim, which moves with the pod.
     */
    static final String SAFE_TO_EVICT_LOCAL_VOLUMES = "cluster-autoscaler.kubernetes.io/safe-to-evict-local-volumes";
    /**
     * Old ControllerRevisions kept per StatefulSet (Kubernetes keeps 10): each holds a whole pod template, and the
     * operator renders the template afresh rather than rolling back, so at 10,000 sessions the default would be some
     * 100,000 objects in etcd nobody reads. The live revisions (current, update) are never pruned, whatever the limit.
     */
    static final int REVISION_HISTORY_LIMIT = 2;
    /** New StatefulSets only: the field is immutable, and Parallel lets the controller replace a pod that never got ready. */
    static final String POD_MANAGEMENT_POLICY = "Parallel";

    private final OperatorConfig config;
    private final PodTemplateHashes hashes;
    private final PodTemplate defaults;
    private final InstallationSinks installationSinks;
    private final SessionDefaults installationDefaults;
    private final String installationDigest;

    @Inject
    public SessionStatefulSet(OperatorConfig config, PodTemplateHashes hashes) {
        this.config = config;
        this.hashes = hashes;
        this.defaults = SessionPodTemplate.defaults(config.session().podTemplate());
        this.installationSinks = InstallationSinks.of(config.session());
        this.installationDefaults = SessionDefaults.installation(config.session().defaultWebhooks());
        this.installationDigest = InstallationDigest.of(config.session());
    }

    /** The webhooks and sinks the session's pod gets: its own, else its namespace's defaults, else the installation's. */
    public SessionOutputs outputs(WhatsAppSession session, SessionDefaults namespace) {
        return SessionOutputs.of(session.getSpec(), namespace, installationDefaults);
    }

    /** The sinks every session publishes to (the chart's session.events.sinks). */
    public InstallationSinks installationSinks() {
        return installationSinks;
    }

    /**
     * @param existing the StatefulSet as the server holds it: its immutable fields (governing Service, pod management
     *                 policy, claim templates) are kept as they are, a larger {@code spec.storage.size} goes to the claim itself
     */
    public StatefulSet render(WhatsAppSession session, PodInputs inputs, Optional<StatefulSet> existing) {
        WhatsAppSessionSpec spec = session.getSpec();
        Storage storage = spec.effectiveStorage();
        StorageMode mode = StorageModes.effective(session, config.session(), existing);
        Optional<StatefulSetSpec> existingSpec = existing.map(StatefulSet::getSpec);
        StatefulSet statefulSet = new StatefulSetBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, session.getMetadata().getName()))
                .editMetadata().addToAnnotations(InstallationDigest.ANNOTATION, installationDigest).endMetadata()
                .withNewSpec()
                .withReplicas(spec.suspended() ? 0 : 1)
                .withServiceName(existingSpec.map(StatefulSetSpec::getServiceName)
                        .orElse(SessionObjectNames.SESSIONS_SERVICE))
                .withPodManagementPolicy(existingSpec.map(StatefulSetSpec::getPodManagementPolicy)
                        .orElse(POD_MANAGEMENT_POLICY))
                .withRevisionHistoryLimit(REVISION_HISTORY_LIMIT)
                .withNewSelector().withMatchLabels(SessionObjects.selector(session)).endSelector()
                .withTemplate(podTemplate(session, inputs, mode))
                .endSpec()
                .build();
        if (mode == StorageMode.Volume) {
            statefulSet.getSpec().setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                    .withWhenDeleted(storage.deletesClaim() ? "Delete" : "Retain")
                    .withWhenScaled("Retain")
                    .build());
            statefulSet.getSpec().setVolumeClaimTemplates(existingSpec.map(StatefulSetSpec::getVolumeClaimTemplates)
                    .filter(templates -> !templates.isEmpty())
                    .orElseGet(() -> List.of(claimTemplate(session, storage))));
        }
        return statefulSet;
    }

    /**
     * In Database mode the data directory is a cache on the node: an emptyDir as large as {@code spec.storage.size},
     * which outlives a container's restart (kill -9) but not the pod.
     */
    private static Volume cacheVolume(Storage storage) {
        return new VolumeBuilder().withName(DATA_VOLUME)
                .withNewEmptyDir().withSizeLimit(new Quantity(storage.effectiveSize())).endEmptyDir().build();
    }

    /** Only for new StatefulSets: the API server refuses any change of volumeClaimTemplates. */
    private static PersistentVolumeClaim claimTemplate(WhatsAppSession session, Storage storage) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(DATA_VOLUME).withLabels(SessionObjects.labels(session)).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.getStorageClassName())
                .withNewResources().addToRequests("storage", new Quantity(storage.effectiveSize())).endResources()
                .endSpec()
                .build();
    }

    private PodTemplateSpec podTemplate(WhatsAppSession session, PodInputs inputs, StorageMode mode) {
        List<Webhook> webhooks = session.getSpec().getWebhooks() == null ? List.of() : session.getSpec().getWebhooks();
        SessionPodTemplate placement = SessionPodTemplate.of(defaults, session);
        List<EnvVar> env = placement.env(SessionPodEnvironment.of(new SessionPodEnvironment.Source(session, config.session(),
                config.database(), mode)));
        AutoReplyInvalidException.refuseInvalid(env);
        Map<String, String> annotations = placement.annotations(Map.of(WebhookFiles.ANNOTATION, WebhookFiles.json(webhooks),
                DATABASE_DIGEST_ANNOTATION, inputs.databaseDigest(), SECRETS_DIGEST_ANNOTATION, inputs.secretsDigest()));
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(placement.labels(SessionObjects.labels(session))).withAnnotations(annotations)
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(podSecurityContext())
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(image(session.getSpec()))
                        .withImagePullPolicy(config.session().imagePullPolicy())
                        .addNewPort().withName("http").withContainerPort(SessionObjects.HTTP_PORT).withProtocol("TCP").endPort()
                        .addNewPort().withName(SessionObjects.MANAGEMENT_PORT_NAME).withContainerPort(SessionObjects.MANAGEMENT_PORT)
                        .withProtocol("TCP").endPort()
                        .withEnv(env)
                        .withResources(resources(session.getSpec().getResources()))
                        .withStartupProbe(httpProbe(SessionApi.STARTED_PROBE, 60))
                        .withLivenessProbe(httpProbe(SessionApi.LIVE_PROBE, 3))
                        .withReadinessProbe(httpProbe(SessionApi.READY_PROBE, 3))
                        .withSecurityContext(containerSecurityContext())
                        .withVolumeMounts(
                                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(SessionPodEnvironment.DATA_DIR).build(),
                                new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build(),
                                new VolumeMountBuilder().withName(WEBHOOKS_VOLUME).withMountPath(WebhookFiles.DIRECTORY)
                                        .withReadOnly(true).build())
                        .build())
                .withVolumes(
                        new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName(WEBHOOKS_VOLUME)
                                .withNewProjected().withSources(WebhookFiles.projections(webhooks)).endProjected().build())
                .endSpec()
                .build();
        if (mode == StorageMode.Database) {
            template.getSpec().getVolumes().addFirst(cacheVolume(session.getSpec().effectiveStorage()));
        }
        addEventSinks(template, installationSinks.effective(session.getSpec()));
        template.getMetadata().getAnnotations().put(SAFE_TO_EVICT_LOCAL_VOLUMES, template.getSpec().getVolumes().stream()
                .filter(volume -> volume.getEmptyDir() != null).map(Volume::getName).collect(Collectors.joining(",")));
        placement.applyTo(template.getSpec());
        template.getMetadata().getAnnotations().put(PodTemplateHash.ANNOTATION, hashes.of(session, inputs, template));
        return template;
    }

    /** Only a session with sinks gets their file and volume: the pods of the others stay as they were. */
    /** The engine's image: only sessions on Baileys carry Node.js. */
    private String image(WhatsAppSessionSpec spec) {
        return spec.getEngine() == EngineKind.Baileys ? config.session().baileysImage() : config.session().image();
    }

    private static void addEventSinks(PodTemplateSpec template, List<EventSink> sinks) {
        if (sinks.isEmpty()) {
            return;
        }
        template.getMetadata().getAnnotations().put(EventSinkFiles.ANNOTATION, EventSinkFiles.json(sinks));
        template.getSpec().getContainers().getFirst().getVolumeMounts().add(new VolumeMountBuilder()
                .withName(EVENT_SINKS_VOLUME).withMountPath(EventSinkFile.DIRECTORY).withReadOnly(true).build());
        template.getSpec().getVolumes().add(new VolumeBuilder().withName(EVENT_SINKS_VOLUME)
                .withNewProjected().withSources(EventSinkFiles.projections(sinks)).endProjected().build());
    }

    /** Where the platform assigns the user (OpenShift's restricted-v2), pinning one would get the pod refused. */
    private PodSecurityContext podSecurityContext() {
        return podSecurityContext(config.session().platformAssignsUser());
    }

    /** The session pod's, and a session host's. */
    public static PodSecurityContext podSecurityContext(boolean platformAssignsUser) {
        PodSecurityContextBuilder context = new PodSecurityContextBuilder().withRunAsNonRoot(true);
        if (!platformAssignsUser) {
            context.withRunAsUser(RUN_AS).withRunAsGroup(RUN_AS).withFsGroup(RUN_AS);
        }
        return context.withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    private static ResourceRequirements resources(ResourceRequirements requested) {
        boolean unset = requested == null
                || (isEmpty(requested.getRequests()) && isEmpty(requested.getLimits()));
        if (!unset) {
            return requested;
        }
        return new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("256Mi"))
                .addToLimits("memory", new Quantity("512Mi"))
                .build();
    }

    /** The session pod's, and a session host's. */
    public static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** The session pod's probes on its management port, and a session host's. */
    public static Probe httpProbe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withNewPort(SessionObjects.MANAGEMENT_PORT_NAME).endHttpGet()
                .withPeriodSeconds(5)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
