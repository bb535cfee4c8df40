package io.kubezap.session.config;

import io.kubezap.contract.StorageMode;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The session pod's environment ({@code KUBEZAP_*}): the pod's one configuration mapping, each feature's settings a
 * group of it (every variable a row of {@code contract.PodSetting}). Values that users type are read as text and
 * checked by {@link SettingsValidator}; a typed value that cannot be converted is named by its variable too
 * ({@link ConfigurationFailure}). Either way a wrong value stops start-up with one line naming the variable.
 */
@ConfigMapping(prefix = "kubezap")
public interface SessionConfig {

    /** KUBEZAP_SESSION: the session (and WhatsAppSession resource) name. */
    Optional<String> session();

    /** KUBEZAP_NAMESPACE */
    @WithDefault("default")
    String namespace();

    /** KUBEZAP_API_KEY */
    Optional<String> apiKey();

    /** KUBEZAP_API_KEY_FILE: a file holding the key (a mounted Secret). */
    Optional<String> apiKeyFile();

    /** KUBEZAP_DATA_DIR: WhatsApp key store (the PVC in Kubernetes); local mode also keeps PostgreSQL here. */
    @WithDefault("kubezap-data")
    String dataDir();

    /**
     * KUBEZAP_HOST_SESSIONS_DIR: set only in a session host (record 0021), the mounted directory listing the sessions
     * it runs; unset, the pod is one session's.
     */
    Optional<String> hostSessionsDir();

    /** KUBEZAP_PAIRING_METHOD: QR or PairingCode. */
    @WithDefault("QR")
    String pairingMethod();

    /** KUBEZAP_PAIRING_PHONE: digits only, 8 to 15 of them. */
    Optional<String> pairingPhone();

    /** KUBEZAP_ENGINE: the WhatsApp Web client, Cobalt or Baileys. */
    @WithDefault("Cobalt")
    String engine();

    /** KUBEZAP_HISTORY: how much of the phone's past conversations to ask for when linking: None, Recent or Full. */
    @WithDefault("Recent")
    String history();

    /** KUBEZAP_HISTORY_MAX_MESSAGES: the most history messages a session stores; a batch beyond it is stored in part. */
    @WithDefault("100000")
    long historyMaxMessages();

    /** KUBEZAP_BAILEYS_BRIDGE: the Baileys bridge's directory (bridge.js and its node_modules). */
    @WithDefault("/opt/kubezap/baileys-bridge")
    String baileysBridge();

    /** KUBEZAP_BAILEYS_NODE: the Node.js executable that runs the Baileys bridge. */
    @WithDefault("node")
    String baileysNode();

    /** KUBEZAP_SEND_RATE_PER_MINUTE: outbound pacing. */
    @WithDefault("30")
    String sendRatePerMinute();

    /** KUBEZAP_WA_VERSION: the WhatsApp Web version to announce at login; unset, the pod learns the current one. */
    Optional<String> waVersion();

    /** KUBEZAP_WA_VERSION_URL: where the current WhatsApp Web version is learnt (web.whatsapp.com's service worker). */
    @WithDefault("https://web.whatsapp.com/sw.js")
    String waVersionUrl();

    /** KUBEZAP_WA_VERSION_TIMEOUT: how long learning it may take before the pod falls back. */
    @WithDefault("5s")
    Duration waVersionTimeout();

    Proxy proxy();

    /** The proxy WhatsApp is reached through (io.kubezap.session.proxy); unset: directly. */
    interface Proxy {
        /** KUBEZAP_PROXY_URL: {@code http://host:port} (HTTP CONNECT) or {@code socks5://host:port}. */
        Optional<String> url();

        /** KUBEZAP_PROXY_USERNAME and KUBEZAP_PROXY_PASSWORD: the proxy's credentials, both or neither. */
        Optional<String> username();

        Optional<String> password();
    }

    /** KUBEZAP_WEBHOOKS_FILE: webhook targets (read by the webhook delivery). */
    Optional<String> webhooksFile();

    /** KUBEZAP_EVENT_SINKS_FILE: Kafka, NATS and RabbitMQ sinks (read by the event sinks). */
    Optional<String> eventSinksFile();

    /** Set by the local-mode launcher when it started an embedded PostgreSQL. */
    @WithDefault("false")
    boolean localMode();

    /**
     * KUBEZAP_KEY_WRAPPING_KEYS: the keys that wrap the session's data key ({@code <id>:<base64 AES-256 key>}, comma
     * separated, the first current), from the namespace's key-wrapping Secret; unset, the key store is kept unencrypted.
     */
    Optional<String> keyWrappingKeys();

    /**
     * KUBEZAP_KEY_WRAPPING_KMS_KEY: an AWS KMS key (ARN, alias ARN, key id or alias/…) that wraps the session's data
     * key; with KUBEZAP_KEY_WRAPPING_KEYS set too, KMS is current and the Secret's keys still open what they wrapped.
     */
    Optional<String> keyWrappingKmsKey();

    /** KUBEZAP_KEY_WRAPPING_KMS_ENDPOINT: KMS' URL when not AWS' own for the key's region (a VPC endpoint, a KMS-compatible service). */
    Optional<String> keyWrappingKmsEndpoint();

    /** Set by the {@code migrate} command: apply the schema migrations, run no session. */
    @WithDefault("false")
    boolean migrateOnly();

    Schema schema();

    /** The database schema this pod needs (see io.kubezap.session.schema). */
    interface Schema {
        /**
         * KUBEZAP_SCHEMA_MIGRATE_AT_START: apply the migrations at start, for a pod alone on its own database (local
         * mode always does). Off in Kubernetes: the release's migration Job applies them, the pod only waits.
         */
        @WithDefault("false")
        boolean migrateAtStart();

        /** KUBEZAP_SCHEMA_RECHECK_INTERVAL: how often a pod waiting for its schema looks again. */
        @WithDefault("5s")
        Duration recheckInterval();
    }

    Http http();

    /** The API's own transport limits, answered with problem bodies (io.kubezap.session.api.TransportLimits). */
    interface Http {
        /** KUBEZAP_HTTP_MAX_URI_LENGTH: longest path and query, in characters (414 beyond). */
        @WithDefault("8192")
        int maxUriLength();

        /** KUBEZAP_HTTP_MAX_HEADER_SIZE: most bytes of request headers (431 beyond). */
        @WithDefault("20K")
        MemorySize maxHeaderSize();
    }

    Media media();

    /** Media files: limits per kind, what is downloaded at once, how long files are kept. */
    interface Media {
        /** KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX: incoming files up to this size are downloaded on arrival; larger ones on first request. */
        @WithDefault("16M")
        MemorySize autoDownloadMax();

        /** KUBEZAP_MEDIA_RETENTION: files (and the right to fetch them again) older than this are gone: 410. */
        @WithDefault("30d")
        Duration retention();

        /** KUBEZAP_MEDIA_STORE_MAX: the files kept on the volume; beyond it the oldest go first. */
        @WithDefault("2G")
        MemorySize storeMax();

        /** KUBEZAP_MEDIA_STORE: where files are kept, {@code Volume} or {@code S3} (then KUBEZAP_MEDIA_S3_*). */
        @WithDefault("Volume")
        String store();

        /** KUBEZAP_MEDIA_S3_*: the bucket of {@code KUBEZAP_MEDIA_STORE=S3}. */
        S3 s3();

        interface S3 {
            Optional<String> bucket();

            /** Keys start with it (a slash is added when missing). */
            Optional<String> prefix();

            /** An S3-compatible store's URL (MinIO, Ceph, ...); unset: AWS S3 of the region. */
            Optional<String> endpoint();

            @WithDefault("us-east-1")
            String region();

            /** Bucket in the path ({@code endpoint/bucket/key}) instead of the host name; most self-hosted stores need it. */
            @WithDefault("false")
            boolean pathStyle();

            Optional<String> accessKey();

            Optional<String> secretKey();

            /** {@code AES256}: objects are written with SSE-S3 ({@code x-amz-server-side-encryption}); {@code None}: not asked. */
            @WithDefault("None")
            String serverSideEncryption();

            /** How long a pre-signed URL ({@code GET /messages/{id}/media?redirect=true}) is valid. */
            @WithDefault("5m")
            Duration presignExpiry();
        }

        /** KUBEZAP_MEDIA_URL_TIMEOUT: a send by URL gives up on a server that takes longer than this. */
        @WithDefault("60s")
        Duration urlTimeout();

        /** KUBEZAP_MEDIA_MAX_SIZE_IMAGE and so on: the largest file accepted per kind (WhatsApp's own limits). */
        MaxSize maxSize();

        interface MaxSize {
            @WithDefault("16M")
            MemorySize image();

            @WithDefault("64M")
            MemorySize video();

            @WithDefault("16M")
            MemorySize audio();

            @WithDefault("16M")
            MemorySize voice();

            @WithDefault("100M")
            MemorySize document();

            @WithDefault("1M")
            MemorySize sticker();
        }
    }

    Contacts contacts();

    interface Contacts {
        /** KUBEZAP_CONTACTS_CHECKS_PER_MINUTE: numbers asked of WhatsApp per minute, at most (cached answers are free). */
        @WithDefault("60")
        int checksPerMinute();

        /** KUBEZAP_CONTACTS_CHECK_CACHE: how long an answer is reused. */
        @WithDefault("24h")
        Duration checkCache();
    }

    Presence presence();

    interface Presence {
        /** KUBEZAP_PRESENCE_MARK_ONLINE_ON_CONNECT: show the account online at each login (the phone then stops notifying). */
        @WithDefault("false")
        boolean markOnlineOnConnect();

        /** KUBEZAP_PRESENCE_TYPING_BEFORE_SEND: the chat sees the account typing this long before a send without its own delay. */
        @WithDefault("0s")
        Duration typingBeforeSend();
    }

    ReadReceipts readReceipts();

    /** Read receipts: which incoming messages are marked read as they arrive, and whether contacts see them. */
    interface ReadReceipts {
        /** KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ: All, Direct (one-to-one chats) or Never. */
        @WithDefault("Never")
        io.kubezap.contract.AutoMarkRead autoMarkRead();

        /** KUBEZAP_READ_RECEIPTS_SEND: the account's read receipts privacy, set at each login; empty: left as it is. */
        Optional<Boolean> send();
    }

    Calls calls();

    /** What the session does with incoming calls. */
    interface Calls {
        /** KUBEZAP_CALLS_AUTO_REJECT: decline every incoming call as it rings. */
        @WithDefault("false")
        boolean autoReject();

        /** KUBEZAP_CALLS_AUTO_REJECT_MESSAGE: with auto-reject, a text sent to the caller after declining. */
        Optional<String> autoRejectMessage();
    }

    /** KUBEZAP_AUTO_REPLY: spec.autoReply as JSON (see {@code automation.autoreply.AutoReplySettings}); empty: no automatic replies. */
    Optional<String> autoReply();

    /** KUBEZAP_AUTO_REPLY_AI_API_KEY: the bearer key of spec.autoReply.ai's endpoint (spec.autoReply.ai.apiKeyRef's Secret). */
    Optional<String> autoReplyAiApiKey();

    Send send();

    /** Outbound retry policy. */
    interface Send {
        /** Attempts per message before it is marked failed. */
        @WithDefault("5")
        int maxAttempts();

        @WithDefault("2s")
        Duration retryInitialDelay();

        @WithDefault("60s")
        Duration retryMaxDelay();

        /** How long one engine send may take before it counts as a retryable failure. */
        @WithDefault("30s")
        Duration timeout();
    }

    /**
     * KUBEZAP_MAX_BODY_SIZE: the largest request body. Vert.x's own limit ({@code quarkus.http.limits.max-body-size}) is
     * set from this variable in application.properties; this one follows it, so the API refuses at the same size.
     */
    @WithDefault("${quarkus.http.limits.max-body-size:128M}")
    MemorySize maxBodySize();

    Qr qr();

    /** A pairing request's QR refs (engine.cobalt, engine.baileys). */
    interface Qr {
        /** KUBEZAP_QR_FIRST_LIFETIME: how long the first QR ref is shown. */
        @WithDefault("60s")
        Duration firstLifetime();

        /** KUBEZAP_QR_NEXT_LIFETIME: how long each further QR ref is shown. */
        @WithDefault("20s")
        Duration nextLifetime();
    }

    PairingCode pairingCode();

    Login login();

    interface Login {
        /** KUBEZAP_LOGIN_TIMEOUT: how long a linked session's login may take before it is given up and tried again. */
        @WithDefault("90s")
        Duration timeout();
    }

    interface PairingCode {
        /** KUBEZAP_PAIRING_CODE_LIFETIME: how long a pairing code is offered before a new login socket. */
        @WithDefault("150s")
        Duration lifetime();
    }

    SettledCollection settledCollection();

    /** The one heap collection once the session has settled (runtime.SettledHeapCollection). */
    interface SettledCollection {
        /** KUBEZAP_SETTLED_COLLECTION_QUIET: connected without an engine event this long; zero turns it off. */
        @WithDefault("30s")
        Duration quiet();
    }

    /** KUBEZAP_STORAGE_MODE: Volume (the data directory holds the key store) or Database (PostgreSQL does). */
    @WithDefault("Volume")
    StorageMode storageMode();

    KeyStore keyStore();

    /** The key store's copy in PostgreSQL (keystore.KeyStoreMirrorProducer). */
    interface KeyStore {
        /** KUBEZAP_KEY_STORE_MIRROR_INTERVAL: copied at most this often while it changes. */
        @WithDefault("10s")
        Duration mirrorInterval();

        /** KUBEZAP_KEY_STORE_ROWS: in mode Database, the entries that changed as rows; false: the whole copy each time. */
        @WithDefault("true")
        boolean rows();
    }

    /** KUBEZAP_GATEWAY_DATABASE_PASSWORD: the migrate command lets the gateway's role log in with it (schema.GatewayLogin). */
    Optional<String> gatewayDatabasePassword();

    /** KUBEZAP_POOLED_SERVER_LOGIN: the migrate command lets the shared server role log in, or not (schema.PooledServerLogin). */
    Optional<Boolean> pooledServerLogin();

    DatabaseSettings database();

    WebhookSettings webhook();

    SinkSettings sink();

    Events events();

    /** Events as they leave the pod: their payload's shape, and the live streams. */
    interface Events {
        PayloadSettings payload();

        EventStreamSettings stream();
    }

    RetentionSettings retention();

    QuotaSettings storage();

    ChatwootSettings chatwoot();
}
