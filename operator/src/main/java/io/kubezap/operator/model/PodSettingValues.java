package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.Calls;
import io.kubezap.api.v1alpha1.Chatwoot;
import io.kubezap.api.v1alpha1.EventPayload;
import io.kubezap.api.v1alpha1.Events;
import io.kubezap.api.v1alpha1.Media;
import io.kubezap.api.v1alpha1.Presence;
import io.kubezap.api.v1alpha1.Proxy;
import io.kubezap.api.v1alpha1.ReadReceipts;
import io.kubezap.api.v1alpha1.Retention;
import io.kubezap.api.v1alpha1.S3Store;
import io.kubezap.api.v1alpha1.SecretKeyRef;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.EngineKind;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.GatewayApi;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.contract.MediaStorage;
import io.kubezap.contract.PairingMethod;
import io.kubezap.contract.PodSetting;
import io.kubezap.contract.StorageMode;
import io.kubezap.operator.model.SessionPodEnvironment.Source;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where each row of {@link PodSetting} gets its value: one line a row, read through the spec's typed getters (a
 * misspelt field does not compile), the operator's settings, or a Secret by reference ({@link SecretKeyRef}). The
 * switch names every row, so a row added to the table without its line here does not compile either; the row says how
 * the value is written ({@link SessionPodEnvironment}). A null value sets nothing: the pod's own default holds. A row's
 * documented spec path ({@link PodSetting#specField()}) is held to its line by {@code PodSettingPathsTest}.
 */
final class PodSettingValues {

    private PodSettingValues() {
    }

    /** The row's value for this session; null when it has none. */
    static Object of(PodSetting setting, Source in) {
        WhatsAppSessionSpec spec = in.spec();
        return switch (setting) {
            case SESSION -> in.session().getMetadata().getName();
            case NAMESPACE -> in.namespace();
            case API_KEY -> new SecretKeyRef(SessionObjects.apiKeySecretName(in.session()), SessionObjects.API_KEY_SECRET_KEY);
            case DATA_DIR -> SessionPodEnvironment.DATA_DIR;
            case PAIRING_METHOD -> spec.effectivePairing().effectiveMethod();
            case PAIRING_PHONE -> spec.effectivePairing().effectiveMethod() == PairingMethod.PairingCode
                    ? spec.effectivePairing().getPhoneNumber() : null;
            // unset for the pod's default: sessions that do not choose render the same StatefulSet as before
            case ENGINE -> spec.getEngine() == EngineKind.Cobalt ? null : spec.getEngine();
            case HISTORY -> spec.getHistory() == HistoryDepth.Recent ? null : spec.getHistory();
            case SEND_RATE_PER_MINUTE -> spec.effectiveSendRatePerMinute();
            case WA_VERSION -> Optional.ofNullable(spec.getWebVersion()).or(() -> in.settings().waVersion()).orElse(null);
            case WEBHOOKS_FILE -> WebhookFiles.FILE;
            case EVENT_SINKS_FILE -> InstallationSinks.of(in.settings()).effective(spec).isEmpty() ? null : EventSinkFile.FILE;
            case MEDIA_AUTO_DOWNLOAD_MAX -> at(spec, WhatsAppSessionSpec::getMedia, Media::getAutoDownloadMaxSize);
            case MEDIA_RETENTION -> Optional.ofNullable(at(spec, WhatsAppSessionSpec::getRetention, Retention::getMedia))
                    .orElseGet(() -> at(spec, WhatsAppSessionSpec::getMedia, Media::getRetention));
            case MEDIA_STORE_MAX -> at(spec, WhatsAppSessionSpec::getMedia, Media::getMaxStoreSize);
            case MEDIA_STORE -> at(spec, WhatsAppSessionSpec::getMedia, Media::getStore);
            case MEDIA_S3_BUCKET -> at(s3(spec), S3Store::getBucket);
            case MEDIA_S3_PREFIX -> at(s3(spec), S3Store::getPrefix);
            case MEDIA_S3_ENDPOINT -> at(s3(spec), S3Store::getEndpoint);
            case MEDIA_S3_REGION -> at(s3(spec), S3Store::getRegion);
            case MEDIA_S3_PATH_STYLE -> at(s3(spec), S3Store::getPathStyle);
            case MEDIA_S3_ACCESS_KEY -> at(s3(spec), S3Store::getAccessKeyRef);
            case MEDIA_S3_SECRET_KEY -> at(s3(spec), S3Store::getSecretKeyRef);
            case MEDIA_S3_SERVER_SIDE_ENCRYPTION -> at(s3(spec), S3Store::getServerSideEncryption);
            case MEDIA_S3_PRESIGN_EXPIRY -> at(s3(spec), S3Store::getPresignedUrlExpiry);
            // spec.media.allowPrivateUrls is not passed on (IgnoredSpecFields): which private addresses are reachable is the admin's
            case MEDIA_URL_ALLOW_LIST -> list(in.settings().mediaUrlAllowList());
            case WEBHOOK_DENY_LIST -> list(in.settings().webhookDenyList());
            case RETENTION_MESSAGES -> at(spec, WhatsAppSessionSpec::getRetention, Retention::getMessages);
            case RETENTION_EVENTS -> at(spec, WhatsAppSessionSpec::getRetention, Retention::getEvents);
            case RETENTION_WEBHOOK_DELIVERIES -> at(spec, WhatsAppSessionSpec::getRetention, Retention::getWebhookDeliveries);
            case STORAGE_QUOTA -> at(spec, WhatsAppSessionSpec::getStorage, Storage::getQuota);
            case STORAGE_MODE -> in.storageMode() == StorageMode.Volume ? null : in.storageMode();
            case CALLS_AUTO_REJECT -> at(spec, WhatsAppSessionSpec::getCalls, Calls::getAutoReject, Calls.AutoReject::getEnabled);
            case CALLS_AUTO_REJECT_MESSAGE -> Optional.ofNullable(at(spec, WhatsAppSessionSpec::getCalls, Calls::getAutoReject,
                    Calls.AutoReject::getMessage)).filter(message -> !message.isBlank()).orElse(null);
            case PROXY_URL -> at(spec, WhatsAppSessionSpec::getProxy, Proxy::url);
            case PROXY_USERNAME -> at(spec, WhatsAppSessionSpec::getProxy, Proxy::getUsernameRef);
            case PROXY_PASSWORD -> at(spec, WhatsAppSessionSpec::getProxy, Proxy::getPasswordRef);
            case PRESENCE_MARK_ONLINE_ON_CONNECT -> at(spec, WhatsAppSessionSpec::getPresence, Presence::getMarkOnlineOnConnect);
            case PRESENCE_TYPING_BEFORE_SEND -> at(spec, WhatsAppSessionSpec::getPresence, Presence::getTypingBeforeSend);
            case READ_RECEIPTS_AUTO_MARK_READ -> at(spec, WhatsAppSessionSpec::getReadReceipts, ReadReceipts::getAutoMarkRead);
            case READ_RECEIPTS_SEND -> at(spec, WhatsAppSessionSpec::getReadReceipts, ReadReceipts::getSend);
            case CHATWOOT_URL -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getUrl);
            case CHATWOOT_ACCOUNT_ID -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getAccountId);
            case CHATWOOT_API_ACCESS_TOKEN -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getApiAccessTokenRef);
            case CHATWOOT_INBOX_ID -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getInboxId);
            case CHATWOOT_INBOX_NAME -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getInboxName);
            case CHATWOOT_WEBHOOK_BASE_URL -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getWebhookBaseUrl);
            case CHATWOOT_WEBHOOK_SECRET -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getWebhookSecretRef);
            case CHATWOOT_IMPORT_MESSAGES -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getImportMessages);
            case CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES -> at(spec, WhatsAppSessionSpec::getChatwoot, Chatwoot::getDaysLimitImportMessages);
            case AUTO_REPLY -> spec.getAutoReply();
            case AUTO_REPLY_AI_API_KEY -> SessionObjects.aiKeyRef(spec).orElse(null);
            case EVENTS_PAYLOAD_MEDIA -> at(payload(spec), EventPayload::getMedia);
            case EVENTS_PAYLOAD_BASE64_MAX_SIZE -> at(payload(spec), EventPayload::getBase64MaxSize);
            case EVENTS_PAYLOAD_MEDIA_URL_EXPIRY -> at(payload(spec), EventPayload::getMediaUrlExpiry);
            case EVENTS_PAYLOAD_RAW -> at(payload(spec), EventPayload::getRaw);
            case EVENTS_PAYLOAD_MEDIA_URL_BASE -> in.settings().mediaUrlBase().map(base -> base.strip().replaceAll("/+$", "")
                    + GatewayApi.session(in.session().getMetadata().getNamespace(), in.session().getMetadata().getName())).orElse(null);
            case DATABASE_URL -> new SecretKeyRef(in.pool().secret(), in.database().urlKey());
            case DATABASE_USERNAME -> new SecretKeyRef(in.pool().secret(), in.database().usernameKey());
            case DATABASE_PASSWORD -> new SecretKeyRef(in.pool().secret(), in.database().passwordKey());
            case DATABASE_TOKEN -> new SecretKeyRef(SessionObjects.databaseSecretName(in.session()), SessionObjects.DATABASE_TOKEN_KEY);
            case KEY_WRAPPING_KEYS -> new SecretKeyRef(SessionObjects.KEY_WRAPPING_SECRET, SessionObjects.KEY_WRAPPING_SECRET_KEY);
            case KEY_WRAPPING_KMS_KEY -> in.settings().keyWrappingKmsKey().orElse(null);
            case KEY_WRAPPING_KMS_ENDPOINT -> in.settings().keyWrappingKmsEndpoint().orElse(null);
            case DATABASE_POOL_MAX -> in.pool().max().orElse(null);
            case DATABASE_POOL_MIN -> in.settings().databasePoolMin().orElse(null);
            case HTTP_PORT -> SessionObjects.HTTP_PORT;
            case MANAGEMENT_PORT -> SessionObjects.MANAGEMENT_PORT;
            // the pod's own (From.POD): the operator never sets them, and asking for one is a mistake
            case API_KEY_FILE, LOCAL_MODE, MIGRATE_ONLY, SCHEMA_MIGRATE_AT_START, KEY_STORE_ROWS, BAILEYS_BRIDGE, BAILEYS_NODE,
                 WA_VERSION_URL, GATEWAY_DATABASE_PASSWORD, POOLED_SERVER_LOGIN, HOST_SESSIONS_DIR, LOG_CONSOLE_JSON, SCHEMA_RECHECK_INTERVAL, HTTP_MAX_URI_LENGTH,
                 HTTP_MAX_HEADER_SIZE, MAX_BODY_SIZE, HISTORY_MAX_MESSAGES, MEDIA_URL_TIMEOUT, MEDIA_MAX_SIZE_IMAGE,
                 MEDIA_MAX_SIZE_VIDEO, MEDIA_MAX_SIZE_AUDIO, MEDIA_MAX_SIZE_VOICE, MEDIA_MAX_SIZE_DOCUMENT,
                 MEDIA_MAX_SIZE_STICKER, CONTACTS_CHECKS_PER_MINUTE, CONTACTS_CHECK_CACHE, SEND_MAX_ATTEMPTS,
                 SEND_RETRY_INITIAL_DELAY, SEND_RETRY_MAX_DELAY, SEND_TIMEOUT, DATABASE_IDLE_TIMEOUT, WEBHOOK_MAX_ATTEMPTS,
                 WEBHOOK_RETRY_INITIAL_DELAY, WEBHOOK_RETRY_MAX_DELAY, WEBHOOK_TIMEOUT, WEBHOOK_POLL_INTERVAL,
                 SINK_RETRY_INITIAL_DELAY, SINK_RETRY_MAX_DELAY, SINK_TIMEOUT, SINK_BATCH, SINK_POLL_INTERVAL,
                 SINK_DEAD_LETTER_AFTER, CHATWOOT_TIMEOUT, CHATWOOT_RETRY_INITIAL_DELAY, CHATWOOT_RETRY_MAX_DELAY,
                 CHATWOOT_IMPORT_SETTLE, EVENTS_STREAM_HEARTBEAT, EVENTS_STREAM_PAGE_SIZE, EVENTS_STREAM_MAX_BUFFERED_EVENTS,
                 EVENTS_STREAM_CONCURRENT_READS, EVENTS_STREAM_STALL_TIMEOUT, EVENTS_STREAM_MAX_STREAMS, RETENTION_INTERVAL,
                 RETENTION_BATCH_SIZE, STORAGE_QUOTA_CHECK_INTERVAL, WA_VERSION_TIMEOUT, QR_FIRST_LIFETIME, QR_NEXT_LIFETIME,
                 PAIRING_CODE_LIFETIME, LOGIN_TIMEOUT, KEY_STORE_MIRROR_INTERVAL, SETTLED_COLLECTION_QUIET ->
                    throw new IllegalArgumentException(setting + " is the pod's own: the operator sets no value for it");
        };
    }

    /** The store's fields only when the session keeps its media there. */
    private static S3Store s3(WhatsAppSessionSpec spec) {
        return at(spec, WhatsAppSessionSpec::getMedia, Media::getStore) == MediaStorage.Kind.S3
                ? at(spec, WhatsAppSessionSpec::getMedia, Media::getS3) : null;
    }

    private static EventPayload payload(WhatsAppSessionSpec spec) {
        return at(spec, WhatsAppSessionSpec::getEvents, Events::getPayload);
    }

    private static String list(Optional<List<String>> entries) {
        return entries.filter(list -> !list.isEmpty()).map(list -> String.join(",", list)).orElse(null);
    }

    /** One step down the spec; null when the object is. */
    private static <A, B> B at(A object, Function<A, B> field) {
        return object == null ? null : field.apply(object);
    }

    private static <A, B, C> C at(A object, Function<A, B> field, Function<B, C> next) {
        return at(at(object, field), next);
    }

    private static <A, B, C, D> D at(A object, Function<A, B> field, Function<B, C> next, Function<C, D> last) {
        return at(at(object, field, next), last);
    }
}
