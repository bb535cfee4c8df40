package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.AdminCredentialsSource;
import io.kubezap.operator.model.MissingSecretException;
import io.kubezap.schema.DatabaseUrl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The operator's database Secret (the admin credential) ({@code kubezap.database.secret-name} in {@code kubezap.database.secret-namespace},
 * by default the operator's own namespace): the admin's URL, user and password, and the URL sessions connect to. Read from
 * an informer of its own (that one Secret, by name), never by a GET per reconcile; a change wakes every session, so a
 * rotated password or a new session URL reaches every session's copy at once.
 */
@ApplicationScoped
public class DatabaseSecretSource implements AdminCredentialsSource {

    /** Name of the informer event source on the database Secret. */
    public static final String EVENT_SOURCE = "database-source";

    private final OperatorConfig.Database config;
    private final String namespace;
    private final KubernetesClient client;
    private volatile InformerEventSource<Secret, WhatsAppSession> informer;

    @Inject
    public DatabaseSecretSource(OperatorConfig config, KubernetesClient client) {
        this(config.database(), config.database().secretNamespace().orElseGet(client::getNamespace), client);
    }

    DatabaseSecretSource(OperatorConfig.Database config, String namespace, KubernetesClient client) {
        this.config = config;
        this.namespace = namespace;
        this.client = client;
    }

    /**
     * The informer of the source Secret, named {@value #EVENT_SOURCE}: its cache answers {@link #read()}, and any change
     * of the Secret wakes every session. Empty when the namespace is unknown (then {@link #read()} says so).
     */
    public Optional<InformerEventSource<Secret, WhatsAppSession>> eventSource(EventSourceContext<WhatsAppSession> context) {
        if (namespace == null) {
            return Optional.empty();
        }
        ResourceID id = new ResourceID(config.secretName(), namespace);
        var configuration = InformerEventSourceConfiguration.from(Secret.class, WhatsAppSession.class)
                .withName(EVENT_SOURCE)
                .withNamespaces(Set.of(namespace))
                .withFieldSelector(new FieldSelector(new FieldSelector.Field("metadata.name", config.secretName())))
                .withInformerListLimit(ListPages.SIZE)
                .withSecondaryToPrimaryMapper(secret -> context.getPrimaryCache().list()
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((PrimaryToSecondaryMapper<WhatsAppSession>) session -> Set.of(id))
                .build();
        informer = new InformerEventSource<>(configuration, context);
        return Optional.of(informer);
    }

    /**
     * The source Secret, from the informer's cache once it has listed (a GET before: at the operator's start the
     * state listener reads it while the informer's first list is still under way, and an empty cache is no sign that
     * the Secret is missing); missing: {@link MissingSecretException}.
     */
    public Secret read() {
        if (namespace == null) {
            throw MissingSecretException.database("the database Secret's namespace is unknown: set "
                    + "kubezap.database.secret-namespace (KUBEZAP_DATABASE_SECRET_NAMESPACE)");
        }
        var cache = informer;
        Secret secret = cache != null && listed(cache) ? cache.get(new ResourceID(config.secretName(), namespace)).orElse(null)
                : client.secrets().inNamespace(namespace).withName(config.secretName()).get();
        if (secret == null) {
            throw MissingSecretException.database("database Secret " + describe() + " not found; "
                    + "the session pod cannot start until it exists");
        }
        return secret;
    }

    private static boolean listed(InformerEventSource<Secret, WhatsAppSession> informer) {
        if (!informer.isRunning()) {
            return false;
        }
        var informers = informer.informerHealthIndicators().values();
        return !informers.isEmpty() && informers.stream().allMatch(InformerHealthIndicator::hasSynced);
    }

    /**
     * The URL, user and password entries of {@code source} under their configured keys, base64-encoded as in
     * {@code Secret.data}; a missing key: {@link MissingSecretException}.
     */
    public Map<String, String> credentials(Secret source) {
        Map<String, String> copied = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (String key : List.of(config.urlKey(), config.usernameKey(), config.passwordKey())) {
            String value = encodedValue(source, key);
            if (value == null) {
                missing.add(key);
            } else {
                copied.put(key, value);
            }
        }
        if (!missing.isEmpty()) {
            throw MissingSecretException.database("database Secret " + describe() + " has no key "
                    + String.join(", ", missing) + "; the session pod cannot start until it has");
        }
        return copied;
    }

    /** The admin credential as the source Secret holds it now. */
    @Override
    public AdminCredentials current() {
        return adminCredentials(read());
    }

    /** The admin's URL, user and password, decoded: what the operator itself connects with. */
    public AdminCredentials adminCredentials(Secret source) {
        Map<String, String> encoded = credentials(source);
        return new AdminCredentials(decoded(encoded.get(config.urlKey())), decoded(encoded.get(config.usernameKey())),
                decoded(encoded.get(config.passwordKey())));
    }

    /**
     * The URL session pods connect to, base64-encoded: the configured session URL, else {@code session-jdbc-uri} when
     * present, else the admin's; either way without the credentials it may carry ({@link SessionDatabaseUrl}).
     */
    public String sessionUrl(Secret source) {
        String pooled = encodedValue(source, config.sessionUrlKey());
        String url = config.sessionUrl().orElseGet(
                () -> decoded(pooled != null ? pooled : credentials(source).get(config.urlKey())));
        return Base64.getEncoder().encodeToString(DatabaseUrl.withoutCredentials(url).getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    public String urlKey() {
        return config.urlKey();
    }

    public String usernameKey() {
        return config.usernameKey();
    }

    public String passwordKey() {
        return config.passwordKey();
    }

    /** {@code namespace/name} of the source, for messages. */
    public String describe() {
        return namespace + "/" + config.secretName();
    }

    /** The API server answers {@code data} only; {@code stringData} is what a client may have just written. */
    private static String encodedValue(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return secret.getData().get(key);
        }
        String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
        return plain == null ? null : Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
