package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
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
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.kubezap.api.v1alpha1.PairingMethod;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.SessionEvent;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * StatefulSet {@code <name>}: at most one session pod (WhatsApp allows one socket per device), 0 replicas while
 * suspended, the key store on a claim from {@code spec.storage}.
 */
@KubernetesDependent(informer = @Informer(labelSelector = SessionObjects.MANAGED_SELECTOR))
public class SessionStatefulSetDependent extends CRUDKubernetesDependentResource<StatefulSet, WhatsAppSession> {

    public static final String CONTAINER = "session";
    public static final String DATA_DIR = "/var/lib/kubezap";
    static final String DATA_VOLUME = "data";
    static final String TMP_VOLUME = "tmp";
    static final String WEBHOOKS_VOLUME = "webhooks";
    static final long RUN_AS = 1000L;
    /** Digest of the database credentials the pod was started with (see {@link DatabaseSecretDependent}). */
    public static final String DATABASE_DIGEST_ANNOTATION = "kubezap.io/database-digest";
    /** Digest of the other Secret values the pod reads (API key, webhook signing secrets): see {@link ReferencedSecrets}. */
    public static final String SECRETS_DIGEST_ANNOTATION = "kubezap.io/secrets-digest";
    /** New StatefulSets only: the field is immutable, and Parallel lets the controller replace a pod that never got ready. */
    static final String POD_MANAGEMENT_POLICY = "Parallel";

    /**
     * What the pod template carries besides the spec: digests of the Secret values the pod reads at start, so that a
     * change of any of them rolls the pod.
     */
    public record PodInputs(String databaseDigest, String secretsDigest) {
    }

    @Inject
    OperatorConfig config;
    @Inject
    EventRecorder events;
    @Inject
    RolloutGate rollouts;
    @Inject
    PodTemplateHashes hashes;

    public SessionStatefulSetDependent() {
        super(StatefulSet.class);
    }

    /** For unit tests, outside CDI. */
    SessionStatefulSetDependent(OperatorConfig config, EventRecorder events) {
        this();
        this.config = config;
        this.events = events;
        this.hashes = new PodTemplateHashes();
    }

    @Override
    public StatefulSet create(StatefulSet desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        StatefulSet created = super.create(desired, session, context);
        events.record(session, SessionEvent.normal("PodCreated",
                "created StatefulSet " + desired.getMetadata().getName() + " for the session pod"));
        return created;
    }

    /**
     * A missing referenced Secret fails the reconcile here, before the StatefulSet is compared or written: the
     * running pod stays. (Not a reconcile precondition: JOSDK deletes a dependent whose precondition does not hold.)
     */
    @Override
    protected StatefulSet desired(WhatsAppSession session, Context<WhatsAppSession> context) {
        ReferencedSecrets.requirePresent(session, context);
        // from the context, not getSecondaryResource(): JOSDK picks a dependent's secondary by its desired state
        Optional<StatefulSet> existing = context.getSecondaryResource(StatefulSet.class);
        StatefulSet desired = desired(session, new PodInputs(DatabaseSecretDependent.credentialsDigest(session, context),
                ReferencedSecrets.digest(session, context)), existing);
        ResourceID id = ResourceID.fromResource(session);
        existing.filter(current -> !sameTemplate(current, desired))
                .ifPresentOrElse(current -> {
                    if (!rollouts.mayRoll(id, managedStatefulSets(context))) {
                        desired.getSpec().setTemplate(current.getSpec().getTemplate());
                    }
                }, () -> rollouts.noRolloutNeeded(id));
        return desired;
    }

    /** By name: JOSDK's default renders the desired StatefulSet just to learn its name, at every look-up. */
    @Override
    protected ResourceID targetSecondaryResourceID(WhatsAppSession session, Context<WhatsAppSession> context) {
        return new ResourceID(session.getMetadata().getName(), session.getMetadata().getNamespace());
    }

    private static boolean sameTemplate(StatefulSet a, StatefulSet b) {
        return Objects.equals(templateHash(a), templateHash(b));
    }

    private static String templateHash(StatefulSet statefulSet) {
        var metadata = statefulSet.getSpec().getTemplate().getMetadata();
        return metadata == null || metadata.getAnnotations() == null ? null
                : metadata.getAnnotations().get(PodTemplateHash.ANNOTATION);
    }

    @SuppressWarnings("unchecked")
    private static Stream<StatefulSet> managedStatefulSets(Context<WhatsAppSession> context) {
        return ((InformerEventSource<StatefulSet, WhatsAppSession>)
                context.eventSourceRetriever().getEventSourceFor(StatefulSet.class)).list();
    }

    /** @param databaseDigest digest of the session's database Secret copy: new credentials restart the pod */
    StatefulSet desired(WhatsAppSession session, String databaseDigest) {
        return desired(session, new PodInputs(databaseDigest, ""), Optional.empty());
    }

    /**
     * @param existing the StatefulSet as the server holds it: its immutable fields (pod management policy, claim
     *                 templates) are kept as they are, a larger {@code spec.storage.size} goes to the claim itself
     */
    StatefulSet desired(WhatsAppSession session, PodInputs inputs, Optional<StatefulSet> existing) {
        WhatsAppSessionSpec spec = session.getSpec();
        Storage storage = spec.effectiveStorage();
        String name = session.getMetadata().getName();
        Optional<StatefulSetSpec> existingSpec = existing.map(StatefulSet::getSpec);
        return new StatefulSetBuilder()
                .withMetadata(SessionObjects.ownedMetadata(session, name))
                .withNewSpec()
                .withReplicas(spec.suspended() ? 0 : 1)
                .withServiceName(SessionObjects.serviceName(session))
                .withPodManagementPolicy(existingSpec.map(StatefulSetSpec::getPodManagementPolicy)
                        .orElse(POD_MANAGEMENT_POLICY))
                .withNewSelector().withMatchLabels(SessionObjects.selector(session)).endSelector()
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted(storage.deletesClaim() ? "Delete" : "Retain")
                .withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .withVolumeClaimTemplates(existingSpec.map(StatefulSetSpec::getVolumeClaimTemplates)
                        .filter(templates -> !templates.isEmpty())
                        .orElseGet(() -> List.of(claimTemplate(session, storage))))
                .withTemplate(podTemplate(session, inputs))
                .endSpec()
                .build();
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

    PodTemplateSpec podTemplate(WhatsAppSession session, PodInputs inputs) {
        var webhooks = session.getSpec().getWebhooks() == null ? List.<io.kubezap.api.v1alpha1.Webhook>of()
                : session.getSpec().getWebhooks();
        Map<String, String> annotations = new TreeMap<>(Map.of(WebhookFiles.ANNOTATION, WebhookFiles.json(webhooks),
                DATABASE_DIGEST_ANNOTATION, inputs.databaseDigest(), SECRETS_DIGEST_ANNOTATION, inputs.secretsDigest()));
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(SessionObjects.labels(session)).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(RUN_AS)
                        .withRunAsGroup(RUN_AS)
                        .withFsGroup(RUN_AS)
                        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .build())
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(config.session().image())
                        .withImagePullPolicy(config.session().imagePullPolicy())
                        .addNewPort().withName("http").withContainerPort(SessionObjects.HTTP_PORT).withProtocol("TCP").endPort()
                        .withEnv(env(session))
                        .withResources(resources(session.getSpec().getResources()))
                        .withStartupProbe(httpProbe("/q/health/started", 60))
                        .withLivenessProbe(httpProbe("/q/health/live", 3))
                        .withReadinessProbe(httpProbe("/q/health/ready", 3))
                        .withSecurityContext(containerSecurityContext())
                        .withVolumeMounts(
                                new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(DATA_DIR).build(),
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
        template.getMetadata().getAnnotations().put(PodTemplateHash.ANNOTATION, hashes.of(session, inputs, template));
        return template;
    }

    List<EnvVar> env(WhatsAppSession session) {
        WhatsAppSessionSpec spec = session.getSpec();
        var pairing = spec.effectivePairing();
        List<EnvVar> env = new ArrayList<>();
        env.add(literal(PodEnvironment.SESSION, session.getMetadata().getName()));
        env.add(literal(PodEnvironment.NAMESPACE, session.getMetadata().getNamespace()));
        env.add(fromSecret(PodEnvironment.API_KEY, SessionObjects.apiKeySecretName(session), SessionObjects.API_KEY_SECRET_KEY));
        env.add(literal(PodEnvironment.DATA_DIR, DATA_DIR));
        env.add(literal(PodEnvironment.PAIRING_METHOD, pairing.effectiveMethod().name()));
        if (pairing.effectiveMethod() == PairingMethod.PairingCode && pairing.getPhoneNumber() != null) {
            env.add(literal(PodEnvironment.PAIRING_PHONE, pairing.getPhoneNumber()));
        }
        env.add(literal(PodEnvironment.SEND_RATE_PER_MINUTE, Integer.toString(spec.effectiveSendRatePerMinute())));
        config.session().waVersion().ifPresent(version -> env.add(literal(PodEnvironment.WA_VERSION, version)));
        env.add(literal(PodEnvironment.WEBHOOKS_FILE, WebhookFiles.FILE));
        env.addAll(MediaEnvironment.of(spec.getMedia()));
        env.addAll(ContactEnvironment.of(spec.getCalls()));
        env.addAll(ContactEnvironment.of(spec.getPresence()));
        var database = config.database();
        String copy = SessionObjects.databaseSecretName(session);
        env.add(fromSecret("QUARKUS_DATASOURCE_JDBC_URL", copy, database.urlKey()));
        env.add(fromSecret("QUARKUS_DATASOURCE_USERNAME", copy, database.usernameKey()));
        env.add(fromSecret("QUARKUS_DATASOURCE_PASSWORD", copy, database.passwordKey()));
        config.session().databasePoolMax().ifPresent(max -> env.add(literal("KUBEZAP_DATABASE_POOL_MAX", max.toString())));
        env.add(literal("QUARKUS_HTTP_PORT", Integer.toString(SessionObjects.HTTP_PORT)));
        return env;
    }

    static ResourceRequirements resources(ResourceRequirements requested) {
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

    static SecurityContext containerSecurityContext() {
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static Probe httpProbe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withNewPort("http").endHttpGet()
                .withPeriodSeconds(5)
                .withTimeoutSeconds(2)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey(key).endSecretKeyRef().endValueFrom()
                .build();
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }
}
