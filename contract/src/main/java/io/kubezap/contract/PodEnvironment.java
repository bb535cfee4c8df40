package io.kubezap.contract;

/** The environment variables the operator sets on a session pod and the pod reads. */
public final class PodEnvironment {

    /** The session's (and WhatsAppSession resource's) name. */
    public static final String SESSION = "KUBEZAP_SESSION";
    public static final String NAMESPACE = "KUBEZAP_NAMESPACE";
    /** The REST API key, from the session's API-key Secret. */
    public static final String API_KEY = "KUBEZAP_API_KEY";
    /** Where the WhatsApp key store lives (the session's volume). */
    public static final String DATA_DIR = "KUBEZAP_DATA_DIR";
    /** {@code QR} or {@code PairingCode}. */
    public static final String PAIRING_METHOD = "KUBEZAP_PAIRING_METHOD";
    /** Digits only; with {@code PairingCode}. */
    public static final String PAIRING_PHONE = "KUBEZAP_PAIRING_PHONE";
    /** {@link EngineKind}: {@code Cobalt} (default) or {@code Baileys}. */
    public static final String ENGINE = "KUBEZAP_ENGINE";
    /** {@link HistoryDepth}: {@code None}, {@code Recent} (default) or {@code Full}; asked for when the device is linked. */
    public static final String HISTORY = "KUBEZAP_HISTORY";
    public static final String SEND_RATE_PER_MINUTE = "KUBEZAP_SEND_RATE_PER_MINUTE";
    /**
     * WhatsApp Web version announced at login; unset: the pod learns the current one from web.whatsapp.com, else uses
     * the last one that worked, else the one pinned in its release.
     */
    public static final String WA_VERSION = "KUBEZAP_WA_VERSION";
    /** The webhook file, see {@link WebhookFile}. */
    public static final String WEBHOOKS_FILE = "KUBEZAP_WEBHOOKS_FILE";
    /** The event sink file (Kafka, NATS, RabbitMQ), see {@link EventSinkFile}. */
    public static final String EVENT_SINKS_FILE = "KUBEZAP_EVENT_SINKS_FILE";

    /** Bytes: incoming files up to this size are downloaded on arrival. */
    public static final String MEDIA_AUTO_DOWNLOAD_MAX = "KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX";
    /** A duration such as {@code 30d}: media older than this is gone (410). */
    public static final String MEDIA_RETENTION = "KUBEZAP_MEDIA_RETENTION";
    /** Bytes: the most media kept on the volume. */
    public static final String MEDIA_STORE_MAX = "KUBEZAP_MEDIA_STORE_MAX";
    /** {@code Volume} (default) or {@code S3}: where media files are kept ({@code spec.media.store}). */
    public static final String MEDIA_STORE = "KUBEZAP_MEDIA_STORE";
    /** With {@code S3}: the bucket, a key prefix, the store's URL (unset: AWS), its region, path-style addressing. */
    public static final String MEDIA_S3_BUCKET = "KUBEZAP_MEDIA_S3_BUCKET";
    public static final String MEDIA_S3_PREFIX = "KUBEZAP_MEDIA_S3_PREFIX";
    public static final String MEDIA_S3_ENDPOINT = "KUBEZAP_MEDIA_S3_ENDPOINT";
    public static final String MEDIA_S3_REGION = "KUBEZAP_MEDIA_S3_REGION";
    public static final String MEDIA_S3_PATH_STYLE = "KUBEZAP_MEDIA_S3_PATH_STYLE";
    /** The access key pair, from the session's Secret. */
    public static final String MEDIA_S3_ACCESS_KEY = "KUBEZAP_MEDIA_S3_ACCESS_KEY";
    public static final String MEDIA_S3_SECRET_KEY = "KUBEZAP_MEDIA_S3_SECRET_KEY";
    /** {@code AES256} (SSE-S3) or {@code None}. */
    public static final String MEDIA_S3_SERVER_SIDE_ENCRYPTION = "KUBEZAP_MEDIA_S3_SERVER_SIDE_ENCRYPTION";
    /** A duration such as {@code 5m}: how long a pre-signed media URL is valid. */
    public static final String MEDIA_S3_PRESIGN_EXPIRY = "KUBEZAP_MEDIA_S3_PRESIGN_EXPIRY";
    /**
     * Comma-separated CIDRs and host names that sends by URL may reach although private (loopback, link-local,
     * private ranges). The cluster admin's operator setting, never the session's spec.
     */
    public static final String MEDIA_URL_ALLOW_LIST = "KUBEZAP_MEDIA_URL_ALLOW_LIST";
    /** Comma-separated CIDRs and host names no webhook is delivered to. The cluster admin's operator setting. */
    public static final String WEBHOOK_DENY_LIST = "KUBEZAP_WEBHOOK_DENY_LIST";

    /** Durations such as {@code 7d}: rows older than this are deleted (the session's {@code spec.retention}). */
    public static final String RETENTION_MESSAGES = "KUBEZAP_RETENTION_MESSAGES";
    public static final String RETENTION_EVENTS = "KUBEZAP_RETENTION_EVENTS";
    public static final String RETENTION_WEBHOOK_DELIVERIES = "KUBEZAP_RETENTION_WEBHOOK_DELIVERIES";

    /** Bytes: the most the session keeps (media files plus an estimate of its rows); unset: no quota. */
    public static final String STORAGE_QUOTA = "KUBEZAP_STORAGE_QUOTA";
    public static final String STORAGE_MODE = "KUBEZAP_STORAGE_MODE";

    /** {@code true}: every incoming call is declined as it rings. */
    public static final String CALLS_AUTO_REJECT = "KUBEZAP_CALLS_AUTO_REJECT";
    /** With auto-reject, a text sent to the caller. */
    public static final String CALLS_AUTO_REJECT_MESSAGE = "KUBEZAP_CALLS_AUTO_REJECT_MESSAGE";

    /** {@code true}: the account is shown online at each login. */
    public static final String PRESENCE_MARK_ONLINE_ON_CONNECT = "KUBEZAP_PRESENCE_MARK_ONLINE_ON_CONNECT";

    /**
     * The proxy the session reaches WhatsApp through (its socket, media transfers, the Web version lookup), as
     * {@code http://host:port} (HTTP CONNECT) or {@code socks5://host:port}; unset: directly. Webhooks, event sinks and
     * sends by URL never use it.
     */
    public static final String PROXY_URL = "KUBEZAP_PROXY_URL";
    /** The proxy's credentials, from the session's Secret. */
    public static final String PROXY_USERNAME = "KUBEZAP_PROXY_USERNAME";
    public static final String PROXY_PASSWORD = "KUBEZAP_PROXY_PASSWORD";

    /** The database the pod connects to, from the session's own copy of the database Secret. */
    public static final String DATABASE_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    /** The session's namespace's database role (record 0017; a role of the session's own before). */
    public static final String DATABASE_USERNAME = "QUARKUS_DATASOURCE_USERNAME";
    public static final String DATABASE_PASSWORD = "QUARKUS_DATASOURCE_PASSWORD";
    /** The session's database token, presented in every transaction (row-level security names the session by it). */
    public static final String DATABASE_TOKEN = "KUBEZAP_DATABASE_TOKEN";
    /** The keys that wrap the session's data key (key store encrypted at rest), from the namespace's key-wrapping Secret. */
    public static final String KEY_WRAPPING_KEYS = "KUBEZAP_KEY_WRAPPING_KEYS";
    /** An AWS KMS key that wraps the session's data key instead (ahead of the Secret's keys, which still open). */
    public static final String KEY_WRAPPING_KMS_KEY = "KUBEZAP_KEY_WRAPPING_KMS_KEY";
    /** KMS' URL when not AWS' own for the key's region. */
    public static final String KEY_WRAPPING_KMS_ENDPOINT = "KUBEZAP_KEY_WRAPPING_KMS_ENDPOINT";
    /** Most database connections the pod opens; unset: the pod's own default. */
    public static final String DATABASE_POOL_MAX = "KUBEZAP_DATABASE_POOL_MAX";
    public static final String DATABASE_POOL_MIN = "KUBEZAP_DATABASE_POOL_MIN";
    /** The port the REST API answers on. */
    public static final String HTTP_PORT = "QUARKUS_HTTP_PORT";
    /** The port the health probes and the metrics answer on (Quarkus' management interface). */
    public static final String MANAGEMENT_PORT = "QUARKUS_MANAGEMENT_PORT";
    /** Where a session host finds its sessions' files: set, the process runs as a session host (record 0021). */
    public static final String HOST_SESSIONS_DIR = "KUBEZAP_HOST_SESSIONS_DIR";

    private PodEnvironment() {
    }
}
