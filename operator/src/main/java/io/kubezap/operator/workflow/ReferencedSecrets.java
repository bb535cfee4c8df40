package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Webhook;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.contract.MediaStorage;
import io.kubezap.operator.model.EventSinkFiles;
import io.kubezap.operator.model.InstallationSinks;
import io.kubezap.operator.model.MissingSecretException;
import io.kubezap.operator.model.PodTemplateHash;
import io.kubezap.operator.model.SessionObjects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The Secrets a session pod reads by reference besides its database copy: its API-key Secret, each webhook's
 * {@code secretRef}, each event sink's {@code usernameRef}, {@code passwordRef} and {@code sessionTokenRef}, the S3 media store's
 * {@code accessKeyRef} and {@code secretKeyRef}, the proxy's {@code usernameRef} and {@code passwordRef}, and the AI responder's {@code apiKeyRef}. Everything is read from informer caches, never by a GET per reconcile. The webhook Secrets
 * belong to the user, who labels them {@value #LABEL}{@code =true}; they get an informer of their own, of that label
 * only (the operator may read every Secret, RBAC cannot narrow a watch by name, but it keeps in memory only these and
 * its own), whose events wake exactly the sessions that name the Secret,
 * found through an index of the sessions by the Secrets they name: a created, rotated or deleted signing secret is
 * seen at once.
 */
public final class ReferencedSecrets {

    /** Name of the informer event source on the user's Secrets that webhooks name. */
    public static final String EVENT_SOURCE = "referenced-secrets";
    /** Index of the sessions' cache: {@code namespace/secret} of every Secret a session's webhooks name. */
    static final String NAMED_SECRETS_INDEX = "webhook-secrets";
    /** The label (value {@code "true"}) of a Secret that sessions name. */
    public static final String LABEL = "kubezap.io/session-secret";

    private ReferencedSecrets() {
    }

    public static InformerEventSource<Secret, WhatsAppSession> eventSource(EventSourceContext<WhatsAppSession> context,
                                                                         InstallationSinks installation) {
        return eventSource(context, installation, UnaryOperator.identity());
    }

    /**
     * {@code withDefaults}: the session with its namespace's or the installation's default webhooks and sinks (itself
     * when none apply), whose Secrets the pod reads too. The index holds what the sessions name themselves; a Secret
     * that only a namespace's defaults name wakes that namespace's sessions through {@code withDefaults}, read when the
     * Secret changes (the defaults may have changed since the session was indexed).
     */
    public static InformerEventSource<Secret, WhatsAppSession> eventSource(EventSourceContext<WhatsAppSession> context,
                                                                         InstallationSinks installation,
                                                                         UnaryOperator<WhatsAppSession> withDefaults) {
        IndexerResourceCache<WhatsAppSession> sessions = context.getPrimaryCache();
        sessions.addIndexer(NAMED_SECRETS_INDEX, session -> namedSecretKeys(session, installation));
        var configuration = InformerEventSourceConfiguration.from(Secret.class, WhatsAppSession.class)
                .withName(EVENT_SOURCE)
                .withLabelSelector(LABEL + "=true")
                .withInformerListLimit(ListPages.SIZE)
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<WhatsAppSession>) session ->
                        webhookSecretIds(withDefaults.apply(session), installation))
                .withSecondaryToPrimaryMapper(secret -> {
                    Set<ResourceID> waking = new java.util.HashSet<>(sessionsNaming(secret, sessions));
                    ResourceID id = ResourceID.fromResource(secret);
                    sessions.list(secret.getMetadata().getNamespace()).forEach(session -> {
                        WhatsAppSession applied = withDefaults.apply(session);
                        if (applied != session && webhookSecretIds(applied, installation).contains(id)) {
                            waking.add(ResourceID.fromResource(session));
                        }
                    });
                    return waking;
                })
                .build();
        return new InformerEventSource<>(configuration, context);
    }

    static Set<ResourceID> webhookSecretIds(WhatsAppSession session, InstallationSinks installation) {
        return refs(session, installation).stream()
                .map(ref -> new ResourceID(ref.getName(), session.getMetadata().getNamespace()))
                .collect(Collectors.toSet());
    }

    static List<String> namedSecretKeys(WhatsAppSession session, InstallationSinks installation) {
        return webhookSecretIds(session, installation).stream()
                .map(id -> key(id.getNamespace().orElse(null), id.getName()))
                .toList();
    }

    static Set<ResourceID> sessionsNaming(Secret secret, IndexedResourceCache<WhatsAppSession> sessions) {
        return sessions.byIndex(NAMED_SECRETS_INDEX, key(secret.getMetadata().getNamespace(), secret.getMetadata().getName()))
                .stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** Every webhook secretRef names an existing Secret key; otherwise {@link MissingSecretException}. */
    public static void requirePresent(WhatsAppSession session, Context<WhatsAppSession> context, InstallationSinks installation) {
        requirePresent(session, installation, webhookSecrets(session, installation, context));
    }

    static void requirePresent(WhatsAppSession session, InstallationSinks installation, Map<String, Secret> secrets) {
        List<String> missing = new ArrayList<>();
        for (SecretKeyRef ref : refs(session, installation)) {
            if (value(secrets.get(ref.getName()), ref.getKey()).isEmpty()) {
                missing.add(ref.getName() + "/" + ref.getKey());
            }
        }
        if (!missing.isEmpty()) {
            throw MissingSecretException.webhook("webhook signing secret, event sink, media store, proxy or AI responder credential not found (Secret/key): "
                    + String.join(", ", missing) + " (the operator reads only Secrets labelled " + LABEL
                    + "=true); the session pod keeps running as it is until it exists");
        }
    }

    /**
     * A short digest of the API key and every webhook signing secret, for the pod template: any of them changing
     * (a recreated API-key Secret, a rotated signing secret) rolls the pod, which reads them only at start.
     */
    public static String digest(WhatsAppSession session, Context<WhatsAppSession> context, InstallationSinks installation) {
        return digest(session, installation, OwnedSecrets.of(context, SessionObjects.apiKeySecretName(session)),
                webhookSecrets(session, installation, context));
    }

    static String digest(WhatsAppSession session, InstallationSinks installation, Optional<Secret> apiKeySecret,
                         Map<String, Secret> webhookSecrets) {
        Map<String, String> values = new TreeMap<>();
        apiKeySecret.flatMap(secret -> value(secret, SessionObjects.API_KEY_SECRET_KEY))
                .ifPresent(key -> values.put("api-key", key));
        for (SecretKeyRef ref : refs(session, installation)) {
            value(webhookSecrets.get(ref.getName()), ref.getKey())
                    .ifPresent(v -> values.put("webhook:" + ref.getName() + "/" + ref.getKey(), v));
        }
        return PodTemplateHash.digest(values.toString());
    }

    private static Map<String, Secret> webhookSecrets(WhatsAppSession session, InstallationSinks installation,
                                                      Context<WhatsAppSession> context) {
        Set<String> names = refs(session, installation).stream().map(SecretKeyRef::getName).collect(Collectors.toSet());
        if (names.isEmpty()) {
            return Map.of();
        }
        return context.getSecondaryResourcesAsStream(Secret.class)
                .filter(secret -> names.contains(secret.getMetadata().getName()))
                .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), secret -> secret,
                        (first, second) -> first));
    }

    /**
     * Every Secret key the session's pod reads: its webhooks' signing secrets and auth credentials (bearer token, password, OAuth2 client secret), its event sinks' credentials (the
     * installation's sinks' too: Secrets of those names in the session's namespace), the S3 media store's key pair,
     * the proxy's credentials, the Chatwoot access token and webhook secret.
     */
    private static List<SecretKeyRef> refs(WhatsAppSession session, InstallationSinks installation) {
        List<Webhook> webhooks = session.getSpec().getWebhooks();
        List<SecretKeyRef> refs = new ArrayList<>(webhooks == null ? List.of()
                : webhooks.stream().map(Webhook::getSecretRef).filter(ref -> ref != null).toList());
        if (webhooks != null) {
            webhooks.stream().filter(webhook -> webhook.getAuth() != null)
                    .forEach(webhook -> refs.addAll(webhook.getAuth().secretRefs()));
        }
        refs.addAll(EventSinkFiles.secretRefs(installation.effective(session.getSpec())));
        refs.addAll(mediaStoreRefs(session));
        refs.addAll(proxyRefs(session));
        SessionObjects.aiKeyRef(session.getSpec()).ifPresent(refs::add);
        if (session.getSpec().getChatwoot() != null) {
            Stream.of(session.getSpec().getChatwoot().getApiAccessTokenRef(), session.getSpec().getChatwoot().getWebhookSecretRef())
                    .filter(ref -> ref != null).forEach(refs::add);
        }
        return refs;
    }

    /** The S3 media store's access key pair, when the session keeps its media there. */
    private static List<SecretKeyRef> mediaStoreRefs(WhatsAppSession session) {
        Media media = session.getSpec().getMedia();
        if (media == null || media.getStore() != MediaStorage.Kind.S3 || media.getS3() == null) {
            return List.of();
        }
        return java.util.stream.Stream.of(media.getS3().getAccessKeyRef(), media.getS3().getSecretKeyRef())
                .filter(ref -> ref != null).toList();
    }

    /** The proxy's user name and password, when the session's proxy asks for credentials. */
    private static List<SecretKeyRef> proxyRefs(WhatsAppSession session) {
        Proxy proxy = session.getSpec().getProxy();
        if (proxy == null) {
            return List.of();
        }
        return java.util.stream.Stream.of(proxy.getUsernameRef(), proxy.getPasswordRef()).filter(ref -> ref != null).toList();
    }

    /** The API server answers {@code data} only; {@code stringData} is what a client may just have written. */
    private static Optional<String> value(Secret secret, String key) {
        if (secret == null) {
            return Optional.empty();
        }
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(secret.getData().get(key));
        }
        return Optional.ofNullable(secret.getStringData() == null ? null : secret.getStringData().get(key))
                .map(plain -> Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8)));
    }
}
