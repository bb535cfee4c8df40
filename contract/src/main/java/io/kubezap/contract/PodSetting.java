package io.kubezap.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The session pod's settings as one table, one row each: the environment variable, where its value comes from (a
 * field of the {@code WhatsAppSession} spec, the operator, a Secret, or the pod alone), how it is written, the pod's
 * default, and whether a tenant may set it through {@code spec.podTemplate.env}. The operator's environment builder is
 * driven by it (rows in this order: the pod template hash is taken over the environment, so reordering rolls every
 * session pod); the CRD's env rule (the names a tenant may set), the configuration reference in {@code session-pod/README.md} and the pod's
 * defaults are generated from it or checked against it by tests.
 * <p>
 * A new spec field the pod reads is one row here, the field in the CRD type, and the pod code that uses it.
 */
public enum PodSetting {

    SESSION(PodEnvironment.SESSION, From.OPERATOR, "metadata.name", null, Rendering.TEXT),
    NAMESPACE(PodEnvironment.NAMESPACE, From.OPERATOR, "metadata.namespace", "default", Rendering.TEXT),
    API_KEY(PodEnvironment.API_KEY, From.SECRET, "<name>-api-key", null, Rendering.SECRET_KEY),
    DATA_DIR(PodEnvironment.DATA_DIR, From.OPERATOR, "the session's volume", "kubezap-data", Rendering.TEXT),
    PAIRING_METHOD(PodEnvironment.PAIRING_METHOD, From.SPEC, "spec.pairing.method", "QR", Rendering.NAME),
    PAIRING_PHONE(PodEnvironment.PAIRING_PHONE, From.SPEC, "spec.pairing.phoneNumber", null, Rendering.TEXT),
    ENGINE(PodEnvironment.ENGINE, From.SPEC, "spec.engine", "Cobalt", Rendering.NAME),
    HISTORY(PodEnvironment.HISTORY, From.SPEC, "spec.history", "Recent", Rendering.NAME),
    SEND_RATE_PER_MINUTE(PodEnvironment.SEND_RATE_PER_MINUTE, From.SPEC, "spec.sendRateLimit.perMinute", "30", Rendering.INTEGER),
    WA_VERSION(PodEnvironment.WA_VERSION, From.SPEC, "spec.webVersion, else the operator's kubezap.session.wa-version", null,
            Rendering.TEXT),
    WEBHOOKS_FILE(PodEnvironment.WEBHOOKS_FILE, From.OPERATOR, "spec.webhooks, as a mounted file", null, Rendering.FILE),
    EVENT_SINKS_FILE(PodEnvironment.EVENT_SINKS_FILE, From.OPERATOR, "spec.events.sinks and the installation's, as a mounted file",
            null, Rendering.FILE),
    MEDIA_AUTO_DOWNLOAD_MAX(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, From.SPEC, "spec.media.autoDownloadMaxSize", "16M", Rendering.BYTES),
    MEDIA_RETENTION(PodEnvironment.MEDIA_RETENTION, From.SPEC, "spec.retention.media, else spec.media.retention", "30d",
            Rendering.DURATION),
    MEDIA_STORE_MAX(PodEnvironment.MEDIA_STORE_MAX, From.SPEC, "spec.media.maxStoreSize", "2G", Rendering.BYTES),
    MEDIA_STORE(PodEnvironment.MEDIA_STORE, From.SPEC, "spec.media.store", "Volume", Rendering.NAME),
    MEDIA_S3_BUCKET(PodEnvironment.MEDIA_S3_BUCKET, From.SPEC, "spec.media.s3.bucket", null, Rendering.TEXT),
    MEDIA_S3_PREFIX(PodEnvironment.MEDIA_S3_PREFIX, From.SPEC, "spec.media.s3.prefix", null, Rendering.TEXT),
    MEDIA_S3_ENDPOINT(PodEnvironment.MEDIA_S3_ENDPOINT, From.SPEC, "spec.media.s3.endpoint", null, Rendering.TEXT),
    MEDIA_S3_REGION(PodEnvironment.MEDIA_S3_REGION, From.SPEC, "spec.media.s3.region", "us-east-1", Rendering.TEXT),
    MEDIA_S3_PATH_STYLE(PodEnvironment.MEDIA_S3_PATH_STYLE, From.SPEC, "spec.media.s3.pathStyle", "false", Rendering.BOOLEAN),
    MEDIA_S3_ACCESS_KEY(PodEnvironment.MEDIA_S3_ACCESS_KEY, From.SECRET, "spec.media.s3.accessKeyRef", null, Rendering.SECRET_KEY),
    MEDIA_S3_SECRET_KEY(PodEnvironment.MEDIA_S3_SECRET_KEY, From.SECRET, "spec.media.s3.secretKeyRef", null, Rendering.SECRET_KEY),
    MEDIA_S3_SERVER_SIDE_ENCRYPTION(PodEnvironment.MEDIA_S3_SERVER_SIDE_ENCRYPTION, From.SPEC, "spec.media.s3.serverSideEncryption",
            "None", Rendering.NAME),
    MEDIA_S3_PRESIGN_EXPIRY(PodEnvironment.MEDIA_S3_PRESIGN_EXPIRY, From.SPEC, "spec.media.s3.presignedUrlExpiry", "5m",
            Rendering.DURATION),
    /** A security setting: read by the pod from this variable alone (never a system property or a config file). */
    MEDIA_URL_ALLOW_LIST(PodEnvironment.MEDIA_URL_ALLOW_LIST, From.OPERATOR, "the operator's kubezap.session.media-url-allow-list",
            null, Rendering.LIST, Read.ENVIRONMENT_ONLY),
    /** A security setting, as {@link #MEDIA_URL_ALLOW_LIST}. */
    WEBHOOK_DENY_LIST(PodEnvironment.WEBHOOK_DENY_LIST, From.OPERATOR, "the operator's kubezap.session.webhook-deny-list", null,
            Rendering.LIST, Read.ENVIRONMENT_ONLY),
    RETENTION_MESSAGES(PodEnvironment.RETENTION_MESSAGES, From.SPEC, "spec.retention.messages", "365d", Rendering.DURATION),
    RETENTION_EVENTS(PodEnvironment.RETENTION_EVENTS, From.SPEC, "spec.retention.events", "7d", Rendering.DURATION),
    RETENTION_WEBHOOK_DELIVERIES(PodEnvironment.RETENTION_WEBHOOK_DELIVERIES, From.SPEC, "spec.retention.webhookDeliveries", "7d",
            Rendering.DURATION),
    STORAGE_QUOTA(PodEnvironment.STORAGE_QUOTA, From.SPEC, "spec.storage.quota", null, Rendering.BYTES),
    STORAGE_MODE(PodEnvironment.STORAGE_MODE, From.SPEC, "spec.storage.mode, else the operator's kubezap.session.storage-mode",
            "Volume", Rendering.NAME),
    CALLS_AUTO_REJECT(PodEnvironment.CALLS_AUTO_REJECT, From.SPEC, "spec.calls.autoReject.enabled", "false", Rendering.BOOLEAN),
    CALLS_AUTO_REJECT_MESSAGE(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, From.SPEC, "spec.calls.autoReject.message", null,
            Rendering.TEXT),
    PROXY_URL(PodEnvironment.PROXY_URL, From.SPEC, "spec.proxy", null, Rendering.TEXT),
    PROXY_USERNAME(PodEnvironment.PROXY_USERNAME, From.SECRET, "spec.proxy.usernameRef", null, Rendering.SECRET_KEY),
    PROXY_PASSWORD(PodEnvironment.PROXY_PASSWORD, From.SECRET, "spec.proxy.passwordRef", null, Rendering.SECRET_KEY),
    PRESENCE_MARK_ONLINE_ON_CONNECT(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, From.SPEC, "spec.presence.markOnlineOnConnect",
            "false", Rendering.BOOLEAN),
    PRESENCE_TYPING_BEFORE_SEND("KUBEZAP_PRESENCE_TYPING_BEFORE_SEND", From.SPEC, "spec.presence.typingBeforeSend", "0s",
            Rendering.DURATION),
    READ_RECEIPTS_AUTO_MARK_READ("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", From.SPEC, "spec.readReceipts.autoMarkRead", "Never",
            Rendering.NAME),
    READ_RECEIPTS_SEND("KUBEZAP_READ_RECEIPTS_SEND", From.SPEC, "spec.readReceipts.send", null, Rendering.BOOLEAN),
    CHATWOOT_URL("KUBEZAP_CHATWOOT_URL", From.SPEC, "spec.chatwoot.url", null, Rendering.TEXT),
    CHATWOOT_ACCOUNT_ID("KUBEZAP_CHATWOOT_ACCOUNT_ID", From.SPEC, "spec.chatwoot.accountId", null, Rendering.INTEGER),
    CHATWOOT_API_ACCESS_TOKEN("KUBEZAP_CHATWOOT_API_ACCESS_TOKEN", From.SECRET, "spec.chatwoot.apiAccessTokenRef", null,
            Rendering.SECRET_KEY),
    CHATWOOT_INBOX_ID("KUBEZAP_CHATWOOT_INBOX_ID", From.SPEC, "spec.chatwoot.inboxId", null, Rendering.INTEGER),
    CHATWOOT_INBOX_NAME("KUBEZAP_CHATWOOT_INBOX_NAME", From.SPEC, "spec.chatwoot.inboxName", null, Rendering.TEXT),
    CHATWOOT_WEBHOOK_BASE_URL("KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL", From.SPEC, "spec.chatwoot.webhookBaseUrl", null, Rendering.TEXT),
    CHATWOOT_WEBHOOK_SECRET("KUBEZAP_CHATWOOT_WEBHOOK_SECRET", From.SECRET, "spec.chatwoot.webhookSecretRef", null,
            Rendering.SECRET_KEY),
    CHATWOOT_IMPORT_MESSAGES("KUBEZAP_CHATWOOT_IMPORT_MESSAGES", From.SPEC, "spec.chatwoot.importMessages", "false", Rendering.BOOLEAN),
    CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES("KUBEZAP_CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES", From.SPEC, "spec.chatwoot.daysLimitImportMessages",
            "3", Rendering.INTEGER),
    AUTO_REPLY("KUBEZAP_AUTO_REPLY", From.SPEC, "spec.autoReply", null, Rendering.JSON),
    AUTO_REPLY_AI_API_KEY("KUBEZAP_AUTO_REPLY_AI_API_KEY", From.SECRET, "spec.autoReply.ai.apiKeyRef", null, Rendering.SECRET_KEY),
    EVENTS_PAYLOAD_MEDIA("KUBEZAP_EVENTS_PAYLOAD_MEDIA", From.SPEC, "spec.events.payload.media", "Url", Rendering.NAME),
    EVENTS_PAYLOAD_BASE64_MAX_SIZE("KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE", From.SPEC, "spec.events.payload.base64MaxSize", "1M",
            Rendering.BYTES),
    EVENTS_PAYLOAD_MEDIA_URL_EXPIRY("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY", From.SPEC, "spec.events.payload.mediaUrlExpiry",
            "1h", Rendering.DURATION),
    EVENTS_PAYLOAD_RAW("KUBEZAP_EVENTS_PAYLOAD_RAW", From.SPEC, "spec.events.payload.raw", "false", Rendering.BOOLEAN),
    /** Where receivers reach this session's media links: the operator's media-url-base and the session's gateway path. */
    EVENTS_PAYLOAD_MEDIA_URL_BASE("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE", From.OPERATOR,
            "the operator's kubezap.session.media-url-base, then /api/v1/namespaces/<namespace>/sessions/<name>", null, Rendering.TEXT),
    DATABASE_URL(PodEnvironment.DATABASE_URL, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY),
    DATABASE_USERNAME(PodEnvironment.DATABASE_USERNAME, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY),
    DATABASE_PASSWORD(PodEnvironment.DATABASE_PASSWORD, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY),
    DATABASE_TOKEN(PodEnvironment.DATABASE_TOKEN, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY),
    KEY_WRAPPING_KEYS(PodEnvironment.KEY_WRAPPING_KEYS, From.SECRET, "kubezap-key-wrapping (the namespace's)", null, Rendering.SECRET_KEY),
    KEY_WRAPPING_KMS_KEY(PodEnvironment.KEY_WRAPPING_KMS_KEY, From.OPERATOR, "the operator's kubezap.session.key-wrapping-kms-key",
            null, Rendering.TEXT),
    KEY_WRAPPING_KMS_ENDPOINT(PodEnvironment.KEY_WRAPPING_KMS_ENDPOINT, From.OPERATOR,
            "the operator's kubezap.session.key-wrapping-kms-endpoint", null, Rendering.TEXT),
    DATABASE_POOL_MAX(PodEnvironment.DATABASE_POOL_MAX, From.OPERATOR, "the operator's kubezap.session.database-pool-max", "3",
            Rendering.INTEGER),
    HTTP_PORT(PodEnvironment.HTTP_PORT, From.OPERATOR, "the Service's port", "8080", Rendering.INTEGER),
    MANAGEMENT_PORT(PodEnvironment.MANAGEMENT_PORT, From.OPERATOR, "the probes' port", "9000", Rendering.INTEGER),

    // the pod's own, never set by the operator and not a tenant's to set: what the process runs, and what it trusts
    API_KEY_FILE("KUBEZAP_API_KEY_FILE", From.POD, "local mode", null, Rendering.FILE),
    LOCAL_MODE("KUBEZAP_LOCAL_MODE", From.POD, "the local-mode launcher", "false", Rendering.BOOLEAN),
    MIGRATE_ONLY("KUBEZAP_MIGRATE_ONLY", From.POD, "the migrate command", "false", Rendering.BOOLEAN),
    SCHEMA_MIGRATE_AT_START("KUBEZAP_SCHEMA_MIGRATE_AT_START", From.POD, "local mode", "false", Rendering.BOOLEAN),
    KEY_STORE_ROWS("KUBEZAP_KEY_STORE_ROWS", From.POD, "the key store WAL benchmark", "true", Rendering.BOOLEAN),
    BAILEYS_BRIDGE("KUBEZAP_BAILEYS_BRIDGE", From.POD, "the image", "/opt/kubezap/baileys-bridge", Rendering.FILE),
    BAILEYS_NODE("KUBEZAP_BAILEYS_NODE", From.POD, "the image", "node", Rendering.FILE),
    WA_VERSION_URL("KUBEZAP_WA_VERSION_URL", From.POD, "the release", "https://web.whatsapp.com/sw.js", Rendering.TEXT),
    GATEWAY_DATABASE_PASSWORD("KUBEZAP_GATEWAY_DATABASE_PASSWORD", From.POD, "the chart's migration Job", null, Rendering.SECRET_KEY),

    // the pod's own tuning, a tenant's to set through spec.podTemplate.env: limits and pacing of its own pod only
    SCHEMA_RECHECK_INTERVAL("KUBEZAP_SCHEMA_RECHECK_INTERVAL", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET),
    HTTP_MAX_URI_LENGTH("KUBEZAP_HTTP_MAX_URI_LENGTH", From.POD, "tuning", "8192", Rendering.INTEGER, Tenant.MAY_SET),
    HTTP_MAX_HEADER_SIZE("KUBEZAP_HTTP_MAX_HEADER_SIZE", From.POD, "tuning", "20K", Rendering.BYTES, Tenant.MAY_SET),
    MAX_BODY_SIZE("KUBEZAP_MAX_BODY_SIZE", From.POD, "tuning", "128M", Rendering.BYTES, Tenant.MAY_SET),
    HISTORY_MAX_MESSAGES("KUBEZAP_HISTORY_MAX_MESSAGES", From.POD, "tuning", "100000", Rendering.INTEGER, Tenant.MAY_SET),
    MEDIA_URL_TIMEOUT("KUBEZAP_MEDIA_URL_TIMEOUT", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_IMAGE("KUBEZAP_MEDIA_MAX_SIZE_IMAGE", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_VIDEO("KUBEZAP_MEDIA_MAX_SIZE_VIDEO", From.POD, "tuning", "64M", Rendering.BYTES, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_AUDIO("KUBEZAP_MEDIA_MAX_SIZE_AUDIO", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_VOICE("KUBEZAP_MEDIA_MAX_SIZE_VOICE", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_DOCUMENT("KUBEZAP_MEDIA_MAX_SIZE_DOCUMENT", From.POD, "tuning", "100M", Rendering.BYTES, Tenant.MAY_SET),
    MEDIA_MAX_SIZE_STICKER("KUBEZAP_MEDIA_MAX_SIZE_STICKER", From.POD, "tuning", "1M", Rendering.BYTES, Tenant.MAY_SET),
    CONTACTS_CHECKS_PER_MINUTE("KUBEZAP_CONTACTS_CHECKS_PER_MINUTE", From.POD, "tuning", "60", Rendering.INTEGER, Tenant.MAY_SET),
    CONTACTS_CHECK_CACHE("KUBEZAP_CONTACTS_CHECK_CACHE", From.POD, "tuning", "24h", Rendering.DURATION, Tenant.MAY_SET),
    SEND_MAX_ATTEMPTS("KUBEZAP_SEND_MAX_ATTEMPTS", From.POD, "tuning", "5", Rendering.INTEGER, Tenant.MAY_SET),
    SEND_RETRY_INITIAL_DELAY("KUBEZAP_SEND_RETRY_INITIAL_DELAY", From.POD, "tuning", "2s", Rendering.DURATION, Tenant.MAY_SET),
    SEND_RETRY_MAX_DELAY("KUBEZAP_SEND_RETRY_MAX_DELAY", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET),
    SEND_TIMEOUT("KUBEZAP_SEND_TIMEOUT", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET),
    DATABASE_IDLE_TIMEOUT("KUBEZAP_DATABASE_IDLE_TIMEOUT", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET),
    WEBHOOK_MAX_ATTEMPTS("KUBEZAP_WEBHOOK_MAX_ATTEMPTS", From.POD, "tuning", "10", Rendering.INTEGER, Tenant.MAY_SET),
    WEBHOOK_RETRY_INITIAL_DELAY("KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET),
    WEBHOOK_RETRY_MAX_DELAY("KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", From.POD, "tuning", "15m", Rendering.DURATION, Tenant.MAY_SET),
    WEBHOOK_TIMEOUT("KUBEZAP_WEBHOOK_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET),
    WEBHOOK_POLL_INTERVAL("KUBEZAP_WEBHOOK_POLL_INTERVAL", From.POD, "tuning", "5m", Rendering.DURATION, Tenant.MAY_SET),
    SINK_RETRY_INITIAL_DELAY("KUBEZAP_SINK_RETRY_INITIAL_DELAY", From.POD, "tuning", "1s", Rendering.DURATION, Tenant.MAY_SET),
    SINK_RETRY_MAX_DELAY("KUBEZAP_SINK_RETRY_MAX_DELAY", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET),
    SINK_TIMEOUT("KUBEZAP_SINK_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET),
    SINK_BATCH("KUBEZAP_SINK_BATCH", From.POD, "tuning", "100", Rendering.INTEGER, Tenant.MAY_SET),
    SINK_POLL_INTERVAL("KUBEZAP_SINK_POLL_INTERVAL", From.POD, "tuning", "5m", Rendering.DURATION, Tenant.MAY_SET),
    SINK_DEAD_LETTER_AFTER("KUBEZAP_SINK_DEAD_LETTER_AFTER", From.POD, "tuning", "5", Rendering.INTEGER, Tenant.MAY_SET),
    CHATWOOT_TIMEOUT("KUBEZAP_CHATWOOT_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET),
    CHATWOOT_RETRY_INITIAL_DELAY("KUBEZAP_CHATWOOT_RETRY_INITIAL_DELAY", From.POD, "tuning", "1s", Rendering.DURATION, Tenant.MAY_SET),
    CHATWOOT_RETRY_MAX_DELAY("KUBEZAP_CHATWOOT_RETRY_MAX_DELAY", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET),
    CHATWOOT_IMPORT_SETTLE("KUBEZAP_CHATWOOT_IMPORT_SETTLE", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET),
    EVENTS_STREAM_HEARTBEAT("KUBEZAP_EVENTS_STREAM_HEARTBEAT", From.POD, "tuning", "15s", Rendering.DURATION, Tenant.MAY_SET),
    EVENTS_STREAM_PAGE_SIZE("KUBEZAP_EVENTS_STREAM_PAGE_SIZE", From.POD, "tuning", "100", Rendering.INTEGER, Tenant.MAY_SET),
    EVENTS_STREAM_MAX_BUFFERED_EVENTS("KUBEZAP_EVENTS_STREAM_MAX_BUFFERED_EVENTS", From.POD, "tuning", "2000", Rendering.INTEGER, Tenant.MAY_SET),
    EVENTS_STREAM_CONCURRENT_READS("KUBEZAP_EVENTS_STREAM_CONCURRENT_READS", From.POD, "tuning", "1", Rendering.INTEGER, Tenant.MAY_SET),
    EVENTS_STREAM_STALL_TIMEOUT("KUBEZAP_EVENTS_STREAM_STALL_TIMEOUT", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET),
    EVENTS_STREAM_MAX_STREAMS("KUBEZAP_EVENTS_STREAM_MAX_STREAMS", From.POD, "tuning", "1000", Rendering.INTEGER, Tenant.MAY_SET),
    RETENTION_INTERVAL("KUBEZAP_RETENTION_INTERVAL", From.POD, "tuning", "1h", Rendering.DURATION, Tenant.MAY_SET),
    RETENTION_BATCH_SIZE("KUBEZAP_RETENTION_BATCH_SIZE", From.POD, "tuning", "500", Rendering.INTEGER, Tenant.MAY_SET),
    STORAGE_QUOTA_CHECK_INTERVAL("KUBEZAP_STORAGE_QUOTA_CHECK_INTERVAL", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET),
    WA_VERSION_TIMEOUT("KUBEZAP_WA_VERSION_TIMEOUT", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET),
    QR_FIRST_LIFETIME("KUBEZAP_QR_FIRST_LIFETIME", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET),
    QR_NEXT_LIFETIME("KUBEZAP_QR_NEXT_LIFETIME", From.POD, "tuning", "20s", Rendering.DURATION, Tenant.MAY_SET),
    PAIRING_CODE_LIFETIME("KUBEZAP_PAIRING_CODE_LIFETIME", From.POD, "tuning", "150s", Rendering.DURATION, Tenant.MAY_SET),
    KEY_STORE_MIRROR_INTERVAL("KUBEZAP_KEY_STORE_MIRROR_INTERVAL", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET),
    SETTLED_COLLECTION_QUIET("KUBEZAP_SETTLED_COLLECTION_QUIET", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET);

    /** Where a value comes from. */
    public enum From {
        /** A field of the session's spec (or its metadata). */
        SPEC,
        /** The operator: its settings, or what it builds (mounted files, ports). */
        OPERATOR,
        /** A key of a Secret, by reference: the value never passes through the operator's objects. */
        SECRET,
        /** Nobody: the pod's own default holds. */
        POD
    }

    /** How the value is written. */
    public enum Rendering {
        TEXT("text"),
        /** The name of one of the enum's values, as the CRD spells it. */
        NAME("enum name"),
        INTEGER("whole number"),
        BOOLEAN("true or false"),
        /** A Kubernetes quantity in the spec ({@code 16Mi}), plain bytes in the pod's environment. */
        BYTES("bytes"),
        /** {@code 30s}, {@code 5m}, {@code 7d}. */
        DURATION("duration"),
        /** Comma-separated CIDRs and host names. */
        LIST("comma-separated list"),
        /** A spec object as it is, written as JSON. */
        JSON("JSON object"),
        /** A path the operator mounts, or the image holds. */
        FILE("path"),
        /** From a Secret's key ({@code valueFrom.secretKeyRef}). */
        SECRET_KEY("Secret key reference");

        private final String words;

        Rendering(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Whether a tenant may set the variable through {@code spec.podTemplate.env}. */
    public enum Tenant {
        /** No: the CRD and the operator refuse it, as every name not in this table. */
        RESERVED,
        /** Yes: it tunes the tenant's own pod only. */
        MAY_SET
    }

    /** How the pod reads the value. */
    public enum Read {
        /** Through Quarkus' configuration (the variable, or any source that names the same property). */
        CONFIG,
        /** Straight from this environment variable: no system property, config file or other spelling replaces it. */
        ENVIRONMENT_ONLY
    }

    private final String env;
    private final From from;
    private final String origin;
    private final String podDefault;
    private final Rendering rendering;
    private final Read read;
    private final Tenant tenant;

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering) {
        this(env, from, origin, podDefault, rendering, Read.CONFIG, Tenant.RESERVED);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Read read) {
        this(env, from, origin, podDefault, rendering, read, Tenant.RESERVED);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Tenant tenant) {
        this(env, from, origin, podDefault, rendering, Read.CONFIG, tenant);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Read read, Tenant tenant) {
        this.env = env;
        this.from = from;
        this.origin = origin;
        this.podDefault = podDefault;
        this.rendering = rendering;
        this.read = read;
        this.tenant = tenant;
    }

    /** The environment variable. */
    public String env() {
        return env;
    }

    public From from() {
        return from;
    }

    /** Where the value comes from, in words: a spec field's path ({@code spec.media.store}), a setting, a Secret. */
    public String origin() {
        return origin;
    }

    /** The spec field the value is copied from, relative to {@code spec} ({@code media.store}), when it is one field. */
    public Optional<String> specField() {
        return from == From.SPEC && origin.startsWith("spec.") && !origin.contains(" ")
                ? Optional.of(origin.substring("spec.".length())) : Optional.empty();
    }

    /** The pod's value when the variable is unset; empty when it has none (required, or off). */
    public Optional<String> podDefault() {
        return Optional.ofNullable(podDefault);
    }

    public Rendering rendering() {
        return rendering;
    }

    public Read read() {
        return read;
    }

    /** Whether a tenant may set it through {@code spec.podTemplate.env}: only the pod's own tuning. */
    public boolean tenantMaySet() {
        return tenant == Tenant.MAY_SET;
    }

    /** The rows the operator sets on every pod (whenever they have a value), in the container's order. */
    public static List<PodSetting> operatorSet() {
        return Arrays.stream(values()).filter(setting -> setting.from != From.POD).toList();
    }

    /**
     * Every name a tenant's {@code spec.podTemplate.env} may use: the pod's own tuning ({@link Tenant#MAY_SET}), and
     * nothing else. An allow-list: the JVM, the dynamic loader, Node.js, OpenSSL, glibc and every library in the image
     * act on variables no list of refusals could name in full ({@code OPENSSL_CONF}, {@code GCONV_PATH},
     * {@code HTTPS_PROXY}...); the CRD's rule and the operator both use this one.
     */
    public static Set<String> tenantSettable() {
        return Arrays.stream(values()).filter(PodSetting::tenantMaySet).map(PodSetting::env)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether a tenant's {@code spec.podTemplate.env} may set a variable of this name (exactly so spelt). */
    public static boolean tenantMaySet(String name) {
        return tenantSettable().contains(name);
    }

    /** {@link #tenantSettable()} as a CEL list of strings, for the CRD's rule. */
    public static String tenantSettableAsCel() {
        return tenantSettable().stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
