package io.kubezap.operator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Chatwoot;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.Retention;
import io.kubezap.api.v1alpha1.S3Store;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.GatewayApi;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.StorageMode;
import io.kubezap.operator.config.OperatorConfig;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The session pod's environment, driven by the settings table {@link PodSetting}: each of its rows the operator sets
 * becomes one variable, in the table's order. A row whose value is one spec field ({@link PodSetting#specField()}) is
 * copied from it as the row says to render it; the others take their value from {@link #VALUES} (the operator's
 * settings, a Secret by reference, a value made of several fields). A row without a value sets nothing, so the pod's own
 * default holds. The pod template hash is taken over the result: reordering the table would roll every session pod.
 */
final class SessionPodEnvironment {

    /** Where the pod keeps its WhatsApp key store: the session's volume is mounted there. */
    static final String DATA_DIR = "/var/lib/kubezap";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the values are read from. */
    record Source(WhatsAppSession session, OperatorConfig.Session settings, OperatorConfig.Database database,
                  StorageMode storageMode) {

        /** A session whose StatefulSet is still to be made: the mode its spec or the operator's default gives. */
        Source(WhatsAppSession session, OperatorConfig.Session settings, OperatorConfig.Database database) {
            this(session, settings, database, StorageModes.wanted(session, settings));
        }

        WhatsAppSessionSpec spec() {
            return session.getSpec();
        }
    }

    /** The rows that are not one spec field copied as it is: where their value comes from. */
    private static final Map<PodSetting, Function<Source, Optional<EnvVar>>> VALUES = values(Map.ofEntries(
            literal(PodSetting.SESSION, in -> in.session().getMetadata().getName()),
            literal(PodSetting.NAMESPACE, in -> in.session().getMetadata().getNamespace()),
            fromSecret(PodSetting.API_KEY, in -> SessionObjects.apiKeySecretName(in.session()),
                    in -> SessionObjects.API_KEY_SECRET_KEY),
            literal(PodSetting.DATA_DIR, in -> DATA_DIR),
            literal(PodSetting.PAIRING_METHOD, in -> in.spec().effectivePairing().effectiveMethod().name()),
            literal(PodSetting.PAIRING_PHONE, in -> in.spec().effectivePairing().effectiveMethod() == PairingMethod.PairingCode
                    ? in.spec().effectivePairing().getPhoneNumber() : null),
            // unset for Cobalt, the pod's default: sessions that do not choose render the same StatefulSet as before
            literal(PodSetting.ENGINE, in -> in.spec().getEngine() == null || in.spec().getEngine() == EngineKind.Cobalt
                    ? null : in.spec().getEngine().name()),
            // unset for Recent, the pod's default: sessions that do not choose render the same StatefulSet as before
            literal(PodSetting.HISTORY, in -> in.spec().getHistory() == null || in.spec().getHistory() == HistoryDepth.Recent
                    ? null : in.spec().getHistory().name()),
            literal(PodSetting.SEND_RATE_PER_MINUTE, in -> Integer.toString(in.spec().effectiveSendRatePerMinute())),
            literal(PodSetting.WA_VERSION, in -> Optional.ofNullable(in.spec().getWebVersion())
                    .or(() -> in.settings().waVersion()).orElse(null)),
            literal(PodSetting.WEBHOOKS_FILE, in -> WebhookFiles.FILE),
            literal(PodSetting.EVENT_SINKS_FILE, in -> InstallationSinks.of(in.settings()).effective(in.spec()).isEmpty() ? null
                    : EventSinkFile.FILE),
            literal(PodSetting.MEDIA_RETENTION, in -> Optional.ofNullable(retention(in, Retention::getMedia))
                    .orElseGet(() -> media(in, Media::getRetention))),
            literal(PodSetting.MEDIA_S3_BUCKET, in -> s3(in, S3Store::getBucket)),
            literal(PodSetting.MEDIA_S3_PREFIX, in -> s3(in, S3Store::getPrefix)),
            literal(PodSetting.MEDIA_S3_ENDPOINT, in -> s3(in, S3Store::getEndpoint)),
            literal(PodSetting.MEDIA_S3_REGION, in -> s3(in, S3Store::getRegion)),
            literal(PodSetting.MEDIA_S3_PATH_STYLE, in -> text(s3(in, S3Store::getPathStyle))),
            fromSecret(PodSetting.MEDIA_S3_ACCESS_KEY, in -> s3(in, store -> store.getAccessKeyRef().getName()),
                    in -> s3(in, store -> store.getAccessKeyRef().getKey())),
            fromSecret(PodSetting.MEDIA_S3_SECRET_KEY, in -> s3(in, store -> store.getSecretKeyRef().getName()),
                    in -> s3(in, store -> store.getSecretKeyRef().getKey())),
            literal(PodSetting.MEDIA_S3_SERVER_SIDE_ENCRYPTION, in -> text(s3(in, S3Store::getServerSideEncryption))),
            literal(PodSetting.MEDIA_S3_PRESIGN_EXPIRY, in -> s3(in, S3Store::getPresignedUrlExpiry)),
            // spec.media.allowPrivateUrls is not passed on (IgnoredSpecFields): which private addresses are reachable is the admin's
            literal(PodSetting.MEDIA_URL_ALLOW_LIST, in -> in.settings().mediaUrlAllowList()
                    .filter(list -> !list.isEmpty()).map(list -> String.join(",", list)).orElse(null)),
            literal(PodSetting.EVENTS_PAYLOAD_MEDIA_URL_BASE, in -> in.settings().mediaUrlBase()
                    .map(base -> base.strip().replaceAll("/+$", "") + GatewayApi.session(in.session().getMetadata().getNamespace(),
                            in.session().getMetadata().getName())).orElse(null)),
            literal(PodSetting.WEBHOOK_DENY_LIST, in -> in.settings().webhookDenyList()
                    .filter(list -> !list.isEmpty()).map(list -> String.join(",", list)).orElse(null)),
            // unset for Volume, the pod's default: sessions that do not choose render the same StatefulSet as before
            literal(PodSetting.STORAGE_MODE, in -> in.storageMode() == StorageMode.Volume ? null : in.storageMode().name()),
            literal(PodSetting.CALLS_AUTO_REJECT_MESSAGE, in -> Optional.ofNullable(autoReject(in, Calls.AutoReject::getMessage))
                    .filter(message -> !message.isBlank()).orElse(null)),
            literal(PodSetting.PROXY_URL, in -> in.spec().getProxy() == null ? null : in.spec().getProxy().url()),
            fromSecret(PodSetting.PROXY_USERNAME, in -> proxyCredential(in, Proxy::getUsernameRef, SecretKeyRef::getName),
                    in -> proxyCredential(in, Proxy::getUsernameRef, SecretKeyRef::getKey)),
            fromSecret(PodSetting.PROXY_PASSWORD, in -> proxyCredential(in, Proxy::getPasswordRef, SecretKeyRef::getName),
                    in -> proxyCredential(in, Proxy::getPasswordRef, SecretKeyRef::getKey)),
            fromSecret(PodSetting.CHATWOOT_API_ACCESS_TOKEN, in -> chatwootSecret(in, Chatwoot::getApiAccessTokenRef, SecretKeyRef::getName),
                    in -> chatwootSecret(in, Chatwoot::getApiAccessTokenRef, SecretKeyRef::getKey)),
            fromSecret(PodSetting.CHATWOOT_WEBHOOK_SECRET, in -> chatwootSecret(in, Chatwoot::getWebhookSecretRef, SecretKeyRef::getName),
                    in -> chatwootSecret(in, Chatwoot::getWebhookSecretRef, SecretKeyRef::getKey)),
            fromSecret(PodSetting.AUTO_REPLY_AI_API_KEY, in -> aiKey(in, SecretKeyRef::getName), in -> aiKey(in, SecretKeyRef::getKey)),
            fromSecret(PodSetting.DATABASE_URL, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().urlKey()),
            fromSecret(PodSetting.DATABASE_USERNAME, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().usernameKey()),
            fromSecret(PodSetting.DATABASE_PASSWORD, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().passwordKey()),
            fromSecret(PodSetting.DATABASE_TOKEN, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> SessionObjects.DATABASE_TOKEN_KEY),
            fromSecret(PodSetting.KEY_WRAPPING_KEYS, in -> SessionObjects.KEY_WRAPPING_SECRET, in -> SessionObjects.KEY_WRAPPING_SECRET_KEY),
            literal(PodSetting.KEY_WRAPPING_KMS_KEY, in -> in.settings().keyWrappingKmsKey().orElse(null)),
            literal(PodSetting.KEY_WRAPPING_KMS_ENDPOINT, in -> in.settings().keyWrappingKmsEndpoint().orElse(null)),
            literal(PodSetting.DATABASE_POOL_MAX, in -> text(in.settings().databasePoolMax().orElse(null))),
            literal(PodSetting.HTTP_PORT, in -> Integer.toString(SessionObjects.HTTP_PORT)),
            literal(PodSetting.MANAGEMENT_PORT, in -> Integer.toString(SessionObjects.MANAGEMENT_PORT))));

    private SessionPodEnvironment() {
    }

    /** The container's environment: every row that has a value, in the table's order. */
    static List<EnvVar> of(Source source) {
        JsonNode spec = JSON.valueToTree(source.spec());
        return PodSetting.operatorSet().stream()
                .flatMap(setting -> VALUES.getOrDefault(setting, in -> fromSpec(setting, spec)).apply(source).stream())
                .toList();
    }

    /** Every variable the table can set, in its order. */
    static List<String> names() {
        return PodSetting.operatorSet().stream().map(PodSetting::env).toList();
    }

    /** Every row the operator sets has a value: its spec field, or an entry of {@link #VALUES}; no entry is a spec field's. */
    private static Map<PodSetting, Function<Source, Optional<EnvVar>>> values(Map<PodSetting, Function<Source, Optional<EnvVar>>> values) {
        List<PodSetting> without = PodSetting.operatorSet().stream()
                .filter(setting -> !values.containsKey(setting) && setting.specField().isEmpty()).toList();
        if (!without.isEmpty()) {
            throw new IllegalStateException("rows of PodSetting with no spec field and no value: " + without);
        }
        return values;
    }

    /** A row that copies one spec field, written as the row says; unset while the field is. */
    private static Optional<EnvVar> fromSpec(PodSetting setting, JsonNode spec) {
        JsonNode field = spec.at("/" + setting.specField().orElseThrow().replace('.', '/'));
        if (field.isMissingNode() || field.isNull()) {
            return Optional.empty();
        }
        String value = switch (setting.rendering()) {
            case BYTES -> bytes(field.asText());
            case JSON -> field.toString();
            default -> field.asText();
        };
        return Optional.of(new EnvVarBuilder().withName(setting.env()).withValue(value).build());
    }

    private static Map.Entry<PodSetting, Function<Source, Optional<EnvVar>>> literal(PodSetting setting,
                                                                                     Function<Source, String> value) {
        return Map.entry(setting, in -> Optional.ofNullable(value.apply(in))
                .map(v -> new EnvVarBuilder().withName(setting.env()).withValue(v).build()));
    }

    /** A variable from a Secret's key; none when the row names no Secret. */
    private static Map.Entry<PodSetting, Function<Source, Optional<EnvVar>>> fromSecret(PodSetting setting,
                                                                                        Function<Source, String> secret,
                                                                                        Function<Source, String> key) {
        return Map.entry(setting, in -> Optional.ofNullable(secret.apply(in)).map(secretName -> new EnvVarBuilder()
                .withName(setting.env())
                .withNewValueFrom().withNewSecretKeyRef().withName(secretName).withKey(key.apply(in))
                .endSecretKeyRef().endValueFrom()
                .build()));
    }

    /** A field of the S3 store, only when the session keeps its media there. */
    private static <T> T s3(Source in, Function<S3Store, T> field) {
        Media media = in.spec().getMedia();
        return media == null || media.getStore() != MediaStorage.Kind.S3 || media.getS3() == null ? null
                : field.apply(media.getS3());
    }

    /** A part of one of the proxy's Secret references, when the session has a proxy with credentials. */
    private static String proxyCredential(Source in, Function<Proxy, SecretKeyRef> ref, Function<SecretKeyRef, String> part) {
        Proxy proxy = in.spec().getProxy();
        return proxy == null || ref.apply(proxy) == null ? null : part.apply(ref.apply(proxy));
    }

    /** A part of one of the Chatwoot section's Secret references (the access token, the webhook secret), when it has it. */
    private static String chatwootSecret(Source in, Function<Chatwoot, SecretKeyRef> ref, Function<SecretKeyRef, String> part) {
        Chatwoot chatwoot = in.spec().getChatwoot();
        return chatwoot == null || ref.apply(chatwoot) == null ? null : part.apply(ref.apply(chatwoot));
    }

    /** A part of spec.autoReply.ai.apiKeyRef, when the AI responder has a key. */
    private static String aiKey(Source in, Function<SecretKeyRef, String> part) {
        return SessionObjects.aiKeyRef(in.spec()).map(part).orElse(null);
    }

    private static <T> T media(Source in, Function<Media, T> field) {
        return in.spec().getMedia() == null ? null : field.apply(in.spec().getMedia());
    }

    private static <T> T retention(Source in, Function<Retention, T> field) {
        return in.spec().getRetention() == null ? null : field.apply(in.spec().getRetention());
    }

    private static <T> T autoReject(Source in, Function<Calls.AutoReject, T> field) {
        Calls calls = in.spec().getCalls();
        return calls == null || calls.getAutoReject() == null ? null : field.apply(calls.getAutoReject());
    }

    /** Sizes as plain bytes: the pod does not read quantities. */
    private static String bytes(String quantity) {
        return quantity == null ? null : Quantity.getAmountInBytes(new Quantity(quantity)).toBigInteger().toString();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
