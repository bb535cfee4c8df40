package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.Retention;
import io.kubezap.api.v1alpha1.S3Store;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.PodEnvironment;
import io.kubezap.operator.config.OperatorConfig;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The session pod's environment as one table: each row names a variable (from {@link PodEnvironment}) and where its
 * value comes from: the session's spec, the operator's settings or one of the session's Secrets (by reference, never
 * copied). A row without a value sets nothing, so the pod's own default holds. The rows' order is the container's,
 * and the pod template hash is taken over it: reordering rows would roll every session pod.
 */
final class SessionPodEnvironment {

    /** Where the pod keeps its WhatsApp key store: the session's volume is mounted there. */
    static final String DATA_DIR = "/var/lib/kubezap";

    /** What the values are read from. */
    record Source(WhatsAppSession session, OperatorConfig.Session settings, OperatorConfig.Database database) {

        WhatsAppSessionSpec spec() {
            return session.getSpec();
        }
    }

    private record Row(String name, Function<Source, Optional<EnvVar>> variable) {
    }

    private static final List<Row> ROWS = List.of(
            literal(PodEnvironment.SESSION, in -> in.session().getMetadata().getName()),
            literal(PodEnvironment.NAMESPACE, in -> in.session().getMetadata().getNamespace()),
            fromSecret(PodEnvironment.API_KEY, in -> SessionObjects.apiKeySecretName(in.session()),
                    in -> SessionObjects.API_KEY_SECRET_KEY),
            literal(PodEnvironment.DATA_DIR, in -> DATA_DIR),
            literal(PodEnvironment.PAIRING_METHOD, in -> in.spec().effectivePairing().effectiveMethod().name()),
            literal(PodEnvironment.PAIRING_PHONE, in -> in.spec().effectivePairing().effectiveMethod() == PairingMethod.PairingCode
                    ? in.spec().effectivePairing().getPhoneNumber() : null),
            // unset for Cobalt, the pod's default: sessions that do not choose render the same StatefulSet as before
            literal(PodEnvironment.ENGINE, in -> in.spec().getEngine() == null || in.spec().getEngine() == EngineKind.Cobalt
                    ? null : in.spec().getEngine().name()),
            // unset for Recent, the pod's default: sessions that do not choose render the same StatefulSet as before
            literal(PodEnvironment.HISTORY, in -> in.spec().getHistory() == null || in.spec().getHistory() == HistoryDepth.Recent
                    ? null : in.spec().getHistory().name()),
            literal(PodEnvironment.SEND_RATE_PER_MINUTE, in -> Integer.toString(in.spec().effectiveSendRatePerMinute())),
            literal(PodEnvironment.WA_VERSION, in -> Optional.ofNullable(in.spec().getWebVersion())
                    .or(() -> in.settings().waVersion()).orElse(null)),
            literal(PodEnvironment.WEBHOOKS_FILE, in -> WebhookFiles.FILE),
            literal(PodEnvironment.EVENT_SINKS_FILE, in -> InstallationSinks.of(in.settings()).effective(in.spec()).isEmpty() ? null
                    : EventSinkFile.FILE),
            literal(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, in -> bytes(media(in, Media::getAutoDownloadMaxSize))),
            literal(PodEnvironment.MEDIA_RETENTION, in -> Optional.ofNullable(retention(in, Retention::getMedia))
                    .orElseGet(() -> media(in, Media::getRetention))),
            literal(PodEnvironment.MEDIA_STORE_MAX, in -> bytes(media(in, Media::getMaxStoreSize))),
            literal(PodEnvironment.MEDIA_STORE, in -> text(media(in, Media::getStore))),
            literal(PodEnvironment.MEDIA_S3_BUCKET, in -> s3(in, S3Store::getBucket)),
            literal(PodEnvironment.MEDIA_S3_PREFIX, in -> s3(in, S3Store::getPrefix)),
            literal(PodEnvironment.MEDIA_S3_ENDPOINT, in -> s3(in, S3Store::getEndpoint)),
            literal(PodEnvironment.MEDIA_S3_REGION, in -> s3(in, S3Store::getRegion)),
            literal(PodEnvironment.MEDIA_S3_PATH_STYLE, in -> text(s3(in, S3Store::getPathStyle))),
            fromSecret(PodEnvironment.MEDIA_S3_ACCESS_KEY, in -> s3(in, store -> store.getAccessKeyRef().getName()),
                    in -> s3(in, store -> store.getAccessKeyRef().getKey())),
            fromSecret(PodEnvironment.MEDIA_S3_SECRET_KEY, in -> s3(in, store -> store.getSecretKeyRef().getName()),
                    in -> s3(in, store -> store.getSecretKeyRef().getKey())),
            literal(PodEnvironment.MEDIA_S3_SERVER_SIDE_ENCRYPTION, in -> text(s3(in, S3Store::getServerSideEncryption))),
            literal(PodEnvironment.MEDIA_S3_PRESIGN_EXPIRY, in -> s3(in, S3Store::getPresignedUrlExpiry)),
            // spec.media.allowPrivateUrls is not passed on (IgnoredSpecFields): which private addresses are reachable is the admin's
            literal(PodEnvironment.MEDIA_URL_ALLOW_LIST, in -> in.settings().mediaUrlAllowList()
                    .filter(list -> !list.isEmpty()).map(list -> String.join(",", list)).orElse(null)),
            literal(PodEnvironment.WEBHOOK_DENY_LIST, in -> in.settings().webhookDenyList()
                    .filter(list -> !list.isEmpty()).map(list -> String.join(",", list)).orElse(null)),
            literal(PodEnvironment.RETENTION_MESSAGES, in -> retention(in, Retention::getMessages)),
            literal(PodEnvironment.RETENTION_EVENTS, in -> retention(in, Retention::getEvents)),
            literal(PodEnvironment.RETENTION_WEBHOOK_DELIVERIES, in -> retention(in, Retention::getWebhookDeliveries)),
            literal(PodEnvironment.STORAGE_QUOTA, in -> bytes(in.spec().effectiveStorage().getQuota())),
            literal(PodEnvironment.CALLS_AUTO_REJECT, in -> text(autoReject(in, Calls.AutoReject::getEnabled))),
            literal(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, in -> Optional.ofNullable(autoReject(in, Calls.AutoReject::getMessage))
                    .filter(message -> !message.isBlank()).orElse(null)),
            literal(PodEnvironment.PROXY_URL, in -> in.spec().getProxy() == null ? null : in.spec().getProxy().url()),
            fromSecret(PodEnvironment.PROXY_USERNAME, in -> proxyCredential(in, Proxy::getUsernameRef, SecretKeyRef::getName),
                    in -> proxyCredential(in, Proxy::getUsernameRef, SecretKeyRef::getKey)),
            fromSecret(PodEnvironment.PROXY_PASSWORD, in -> proxyCredential(in, Proxy::getPasswordRef, SecretKeyRef::getName),
                    in -> proxyCredential(in, Proxy::getPasswordRef, SecretKeyRef::getKey)),
            literal(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, in -> text(in.spec().getPresence() == null ? null
                    : in.spec().getPresence().getMarkOnlineOnConnect())),
            fromSecret(PodEnvironment.DATABASE_URL, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().urlKey()),
            fromSecret(PodEnvironment.DATABASE_USERNAME, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().usernameKey()),
            fromSecret(PodEnvironment.DATABASE_PASSWORD, in -> SessionObjects.databaseSecretName(in.session()),
                    in -> in.database().passwordKey()),
            literal(PodEnvironment.DATABASE_POOL_MAX, in -> text(in.settings().databasePoolMax().orElse(null))),
            literal(PodEnvironment.HTTP_PORT, in -> Integer.toString(SessionObjects.HTTP_PORT)),
            literal(PodEnvironment.MANAGEMENT_PORT, in -> Integer.toString(SessionObjects.MANAGEMENT_PORT)));

    private SessionPodEnvironment() {
    }

    /** The container's environment: every row that has a value, in the table's order. */
    static List<EnvVar> of(Source source) {
        return ROWS.stream().flatMap(row -> row.variable().apply(source).stream()).toList();
    }

    /** Every variable the table can set, in its order. */
    static List<String> names() {
        return ROWS.stream().map(Row::name).toList();
    }

    private static Row literal(String name, Function<Source, String> value) {
        return new Row(name, in -> Optional.ofNullable(value.apply(in))
                .map(v -> new EnvVarBuilder().withName(name).withValue(v).build()));
    }

    /** A variable from a Secret's key; none when the row names no Secret. */
    private static Row fromSecret(String name, Function<Source, String> secret, Function<Source, String> key) {
        return new Row(name, in -> Optional.ofNullable(secret.apply(in)).map(secretName -> new EnvVarBuilder().withName(name)
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
