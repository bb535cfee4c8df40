package io.kubezap.contract;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The session pod's settings as one table, one row each: the environment variable, where its value comes from (a
 * field of the {@code WhatsAppSession} spec, the operator, a Secret, or the pod alone), how it is written, the pod's
 * default, whether a tenant may set it through {@code spec.podTemplate.env}, and what it means. The operator's environment builder is
 * driven by it (rows in this order: the pod template hash is taken over the environment, so reordering rolls every
 * session pod); the CRD's env rule (the names a tenant may set), the configuration reference in {@code session-pod/README.md} and the pod's
 * defaults are generated from it or checked against it by tests.
 * <p>
 * {@code contract} cannot see the spec's types, so the value of each row the operator sets is one line of the operator's
 * {@code model.PodSettingValues}, read through the spec's typed getters; the spec path a row names here is its
 * documentation, held to that line by the operator's {@code PodSettingPathsTest}. A new setting from the spec is one row
 * here, the field in the CRD type, its line there (a row without one does not compile), and the pod code that uses it.
 */
public enum PodSetting {

    SESSION(PodEnvironment.SESSION, From.OPERATOR, "metadata.name", null, Rendering.TEXT,
            "the session's name (a DNS label); the API answers 404 for any other name; required (`local` in local mode), "
                    + "except in a session host, which takes each session's from its entry"),
    NAMESPACE(PodEnvironment.NAMESPACE, From.OPERATOR, "metadata.namespace", "default", Rendering.TEXT,
            "the namespace of the `WhatsAppSession`; with the name it keys every database row"),
    API_KEY(PodEnvironment.API_KEY, From.SECRET, "<name>-api-key", null, Rendering.SECRET_KEY,
            "the API key clients must present (at least 16 characters); required outside local mode and session hosts "
                    + "(each hosted session has its own, in its entry)"),
    DATA_DIR(PodEnvironment.DATA_DIR, From.OPERATOR, "the session's volume", "kubezap-data", Rendering.TEXT,
            "the WhatsApp key store (the PVC in Kubernetes), media files, and writes waiting for the database during "
                    + "an outage; local mode also keeps PostgreSQL and the API key here"),
    PAIRING_METHOD(PodEnvironment.PAIRING_METHOD, From.SPEC, "spec.pairing.method", "QR", Rendering.NAME,
            "`QR` or `PairingCode`"),
    PAIRING_PHONE(PodEnvironment.PAIRING_PHONE, From.SPEC, "spec.pairing.phoneNumber", null, Rendering.TEXT,
            "the phone to link by pairing code: 8–15 digits, country code first; required for `PairingCode`"),
    ENGINE(PodEnvironment.ENGINE, From.SPEC, "spec.engine", "Cobalt", Rendering.NAME,
            "the WhatsApp Web client: `Cobalt` or `Baileys` ([Engines](#engines); `kubezap-local --engine Baileys`)"),
    HISTORY(PodEnvironment.HISTORY, From.SPEC, "spec.history", "Recent", Rendering.NAME,
            "how much of the phone's past conversations to ask for when the device is linked: `None`, `Recent` or "
                    + "`Full` ([History](#history-the-phones-past-conversations))"),
    SEND_RATE_PER_MINUTE(PodEnvironment.SEND_RATE_PER_MINUTE, From.SPEC, "spec.sendRateLimit.perMinute", "30", Rendering.INTEGER,
            "outbound pacing: sends are spaced evenly, at most this many a minute"),
    WA_VERSION(PodEnvironment.WA_VERSION, From.SPEC, "spec.webVersion, else the operator's kubezap.session.wa-version", null,
            Rendering.TEXT,
            "the WhatsApp Web version announced at login (chart `session.waVersion` for the operator's); unset, the "
                    + "pod learns it (`KUBEZAP_WA_VERSION_URL`)"),
    WEBHOOKS_FILE(PodEnvironment.WEBHOOKS_FILE, From.OPERATOR, "spec.webhooks, as a mounted file", null, Rendering.FILE,
            "webhook targets, JSON "
                    + "`[{\"url\":..,\"events\":[..],\"filter\":{..},\"secretFile\":..,\"headers\":{\"X-Team\":\"sales\"},\"auth\":{..}}]` "
                    + "(relative files are read next to this file); `auth` is one of `{\"bearer\": {\"tokenFile\"}}`, "
                    + "`{\"basic\": {\"username\", \"passwordFile\"}}`, `{\"oauth2\": {\"tokenUrl\", \"clientId\", "
                    + "\"clientSecretFile\", \"scopes\": [..]}}`, with `token`, `password`, `clientSecret` inline instead in "
                    + "local mode; a header the delivery sets itself or a second auth kind is refused at start, named by its "
                    + "entry"),
    EVENT_SINKS_FILE(PodEnvironment.EVENT_SINKS_FILE, From.OPERATOR, "spec.events.sinks and the installation's, as a mounted file",
            null, Rendering.FILE,
            "event sinks (Kafka, NATS, RabbitMQ, SQS), JSON `[{\"name\", \"kind\", \"address\", \"destination\", "
                    + "\"events\": [..], \"usernameFile\", \"passwordFile\"}]` (SQS also `\"region\"`, `\"sessionTokenFile\"`, "
                    + "`\"deadLetterQueue\"`; relative files are read next to this one; `username`/`password` inline in local "
                    + "mode); see [Event sinks](#event-sinks)"),
    MEDIA_AUTO_DOWNLOAD_MAX(PodEnvironment.MEDIA_AUTO_DOWNLOAD_MAX, From.SPEC, "spec.media.autoDownloadMaxSize", "16M", Rendering.BYTES,
            "incoming files up to this many bytes are downloaded on arrival; larger ones on the first `GET …/media`"),
    MEDIA_RETENTION(PodEnvironment.MEDIA_RETENTION, From.SPEC, "spec.retention.media, else spec.media.retention", "30d",
            Rendering.DURATION,
            "media older than this is gone: its file is removed and `GET …/media` answers 410"),
    MEDIA_STORE_MAX(PodEnvironment.MEDIA_STORE_MAX, From.SPEC, "spec.media.maxStoreSize", "2G", Rendering.BYTES,
            "most bytes of media kept (on the volume, or in the bucket with `S3`); beyond it the oldest files go first"),
    MEDIA_STORE(PodEnvironment.MEDIA_STORE, From.SPEC, "spec.media.store", "Volume", Rendering.NAME,
            "where media files are kept: `Volume` or `S3`; see [Where events and files go](#where-events-and-files-go)"),
    MEDIA_S3_BUCKET(PodEnvironment.MEDIA_S3_BUCKET, From.SPEC, "spec.media.s3.bucket", null, Rendering.TEXT,
            "with `S3`: the bucket (it must exist); required with `S3`"),
    MEDIA_S3_PREFIX(PodEnvironment.MEDIA_S3_PREFIX, From.SPEC, "spec.media.s3.prefix", null, Rendering.TEXT,
            "with `S3`: a key prefix (a `/` is added when missing)"),
    MEDIA_S3_ENDPOINT(PodEnvironment.MEDIA_S3_ENDPOINT, From.SPEC, "spec.media.s3.endpoint", null, Rendering.TEXT,
            "with `S3`: an S3-compatible store's URL (MinIO, Ceph, ...); unset: AWS S3 of the region"),
    MEDIA_S3_REGION(PodEnvironment.MEDIA_S3_REGION, From.SPEC, "spec.media.s3.region", "us-east-1", Rendering.TEXT,
            "with `S3`: the store's region"),
    MEDIA_S3_PATH_STYLE(PodEnvironment.MEDIA_S3_PATH_STYLE, From.SPEC, "spec.media.s3.pathStyle", "false", Rendering.BOOLEAN,
            "with `S3`: the bucket in the path instead of the host name (most self-hosted stores need it)"),
    MEDIA_S3_ACCESS_KEY(PodEnvironment.MEDIA_S3_ACCESS_KEY, From.SECRET, "spec.media.s3.accessKeyRef", null, Rendering.SECRET_KEY,
            "with `S3`: the access key (rotating the Secret's key rolls the pod); required with `S3`"),
    MEDIA_S3_SECRET_KEY(PodEnvironment.MEDIA_S3_SECRET_KEY, From.SECRET, "spec.media.s3.secretKeyRef", null, Rendering.SECRET_KEY,
            "with `S3`: the secret key (rotating the Secret's key rolls the pod); required with `S3`"),
    MEDIA_S3_SERVER_SIDE_ENCRYPTION(PodEnvironment.MEDIA_S3_SERVER_SIDE_ENCRYPTION, From.SPEC, "spec.media.s3.serverSideEncryption",
            "None", Rendering.NAME,
            "`AES256`: every object is written with SSE-S3 (`x-amz-server-side-encryption: AES256`); a store that "
                    + "cannot encrypt refuses the file (it is not kept in the clear); `None`: nothing asked"),
    MEDIA_S3_PRESIGN_EXPIRY(PodEnvironment.MEDIA_S3_PRESIGN_EXPIRY, From.SPEC, "spec.media.s3.presignedUrlExpiry", "5m",
            Rendering.DURATION,
            "how long the URL of `GET …/media?redirect=true` is valid"),
    /** A security setting: read by the pod from this variable alone (never a system property or a config file). */
    MEDIA_URL_ALLOW_LIST(PodEnvironment.MEDIA_URL_ALLOW_LIST, From.OPERATOR, "the operator's kubezap.session.media-url-allow-list",
            null, Rendering.LIST, Read.ENVIRONMENT_ONLY,
            "comma-separated CIDRs and host names that sends by URL and webhooks may reach although private (loopback, "
                    + "link-local, private ranges: e.g. an in-cluster webhook receiver); never from the session's spec; unset: "
                    + "public addresses only"),
    /** A security setting, as {@link #MEDIA_URL_ALLOW_LIST}. */
    WEBHOOK_DENY_LIST(PodEnvironment.WEBHOOK_DENY_LIST, From.OPERATOR, "the operator's kubezap.session.webhook-deny-list", null,
            Rendering.LIST, Read.ENVIRONMENT_ONLY,
            "comma-separated CIDRs and host names no webhook is delivered to, even when allowed above (checked before "
                    + "every attempt; the delivery fails with the reason); private, loopback and link-local addresses are "
                    + "refused without it unless `KUBEZAP_MEDIA_URL_ALLOW_LIST` allows them"),
    RETENTION_MESSAGES(PodEnvironment.RETENTION_MESSAGES, From.SPEC, "spec.retention.messages", "365d", Rendering.DURATION,
            "messages older than this are deleted with their statuses, reactions, receipts and the media files no kept "
                    + "message names; a send still queued is kept"),
    RETENTION_EVENTS(PodEnvironment.RETENTION_EVENTS, From.SPEC, "spec.retention.events", "7d", Rendering.DURATION,
            "events older than this are deleted with their finished webhook deliveries; one a delivery still awaits is kept"),
    RETENTION_WEBHOOK_DELIVERIES(PodEnvironment.RETENTION_WEBHOOK_DELIVERIES, From.SPEC, "spec.retention.webhookDeliveries", "7d",
            Rendering.DURATION,
            "delivered and failed webhook deliveries older than this are deleted"),
    STORAGE_QUOTA(PodEnvironment.STORAGE_QUOTA, From.SPEC, "spec.storage.quota", null, Rendering.BYTES,
            "bytes the session may keep: its media files plus the size of its rows (messages, events, webhook "
                    + "deliveries; `pg_column_size`, an estimate). Over it, the state document shows `storageQuota` (condition "
                    + "`StorageQuota=False`, reason `QuotaExceeded`, and a Warning Event), incoming media is stored as a message "
                    + "without downloading its file (`GET …/media` answers 507 until below), sending media answers 507 "
                    + "`storage-quota-exceeded`; texts go on both ways; unset: none"),
    STORAGE_MODE(PodEnvironment.STORAGE_MODE, From.SPEC, "spec.storage.mode, else the operator's kubezap.session.storage-mode",
            "Volume", Rendering.NAME,
            "`Volume`: the data directory is the key store's home (a volume) and PostgreSQL keeps a copy; `Database`: "
                    + "PostgreSQL is, written through before WhatsApp is acknowledged, and the data directory only a cache (see "
                    + "the key store's copy in PostgreSQL, below)"),
    CALLS_AUTO_REJECT(PodEnvironment.CALLS_AUTO_REJECT, From.SPEC, "spec.calls.autoReject.enabled", "false", Rendering.BOOLEAN,
            "`true` declines every incoming call as it rings"),
    CALLS_AUTO_REJECT_MESSAGE(PodEnvironment.CALLS_AUTO_REJECT_MESSAGE, From.SPEC, "spec.calls.autoReject.message", null,
            Rendering.TEXT,
            "with auto-reject, a text sent to the caller once per call"),
    PROXY_URL(PodEnvironment.PROXY_URL, From.SPEC, "spec.proxy", null, Rendering.TEXT,
            "the session's proxy ([below](#a-proxy-per-session)): `http://host:port` (HTTP CONNECT) or "
                    + "`socks5://host:port`, no credentials in it; unset: directly"),
    PROXY_USERNAME(PodEnvironment.PROXY_USERNAME, From.SECRET, "spec.proxy.usernameRef", null, Rendering.SECRET_KEY,
            "the proxy's user name, with `KUBEZAP_PROXY_PASSWORD` or neither (HTTP Basic, SOCKS5 user/password)"),
    PROXY_PASSWORD(PodEnvironment.PROXY_PASSWORD, From.SECRET, "spec.proxy.passwordRef", null, Rendering.SECRET_KEY,
            "the proxy's password, with `KUBEZAP_PROXY_USERNAME` or neither"),
    PRESENCE_MARK_ONLINE_ON_CONNECT(PodEnvironment.PRESENCE_MARK_ONLINE_ON_CONNECT, From.SPEC, "spec.presence.markOnlineOnConnect",
            "false", Rendering.BOOLEAN,
            "`true` shows the account online at each login; while online, the phone stops notifying its owner"),
    PRESENCE_TYPING_BEFORE_SEND("KUBEZAP_PRESENCE_TYPING_BEFORE_SEND", From.SPEC, "spec.presence.typingBeforeSend", "0s",
            Rendering.DURATION,
            "the chat sees the account typing (recording, for a voice note) this long before each message sent without "
                    + "its own `delayMs`, at most `30s`; `0s`: sent at once"),
    READ_RECEIPTS_AUTO_MARK_READ("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", From.SPEC, "spec.readReceipts.autoMarkRead", "Never",
            Rendering.NAME,
            "`All`: each incoming message of a one-to-one chat or group marks its chat read once stored (read "
                    + "receipts, unread count reset; never statuses or channels), `Direct`: one-to-one chats only"),
    READ_RECEIPTS_SEND("KUBEZAP_READ_RECEIPTS_SEND", From.SPEC, "spec.readReceipts.send", null, Rendering.BOOLEAN,
            "`false`: the account's read receipts privacy is set to `none` at each login (contacts see no blue ticks; "
                    + "the engines send `read-self`), `true`: to `all`; unset: as the phone has it"),
    CHATWOOT_URL("KUBEZAP_CHATWOOT_URL", From.SPEC, "spec.chatwoot.url", null, Rendering.TEXT,
            "Chatwoot's base URL; the Chatwoot connector runs only when it is set"),
    CHATWOOT_ACCOUNT_ID("KUBEZAP_CHATWOOT_ACCOUNT_ID", From.SPEC, "spec.chatwoot.accountId", null, Rendering.INTEGER,
            "the Chatwoot account the inbox belongs to"),
    CHATWOOT_API_ACCESS_TOKEN("KUBEZAP_CHATWOOT_API_ACCESS_TOKEN", From.SECRET, "spec.chatwoot.apiAccessTokenRef", null,
            Rendering.SECRET_KEY,
            "a Chatwoot user's or agent bot's access token (never logged, stored or shown)"),
    CHATWOOT_INBOX_ID("KUBEZAP_CHATWOOT_INBOX_ID", From.SPEC, "spec.chatwoot.inboxId", null, Rendering.INTEGER,
            "an existing API-channel inbox to use; without it the connector makes one"),
    CHATWOOT_INBOX_NAME("KUBEZAP_CHATWOOT_INBOX_NAME", From.SPEC, "spec.chatwoot.inboxName", null, Rendering.TEXT,
            "the name of the inbox the connector makes (default: the session's name)"),
    CHATWOOT_WEBHOOK_BASE_URL("KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL", From.SPEC, "spec.chatwoot.webhookBaseUrl", null, Rendering.TEXT,
            "where Chatwoot reaches this pod; the inbox's webhook URL is it plus the session's path and a secret token "
                    + "(default: the pod's in-cluster address)"),
    CHATWOOT_WEBHOOK_SECRET("KUBEZAP_CHATWOOT_WEBHOOK_SECRET", From.SECRET, "spec.chatwoot.webhookSecretRef", null,
            Rendering.SECRET_KEY,
            "the inbox's webhook secret: set, a webhook call must also carry Chatwoot's signature"),
    CHATWOOT_IMPORT_MESSAGES("KUBEZAP_CHATWOOT_IMPORT_MESSAGES", From.SPEC, "spec.chatwoot.importMessages", "false", Rendering.BOOLEAN,
            "the phone's recent history, as its history sync brings it, is imported into Chatwoot once"),
    CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES("KUBEZAP_CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES", From.SPEC, "spec.chatwoot.daysLimitImportMessages",
            "3", Rendering.INTEGER,
            "how many days back that import reaches"),
    AUTO_REPLY("KUBEZAP_AUTO_REPLY", From.SPEC, "spec.autoReply", null, Rendering.JSON,
            "`spec.autoReply` as JSON: keyword rules (CEL `when`), greeting on a first contact, away message outside "
                    + "weekly business hours in a time zone, cap per contact per day (see the README's \"Auto-reply rules\"); "
                    + "refused at start-up when unreadable; unset: no automatic replies"),
    AUTO_REPLY_AI_API_KEY("KUBEZAP_AUTO_REPLY_AI_API_KEY", From.SECRET, "spec.autoReply.ai.apiKeyRef", null, Rendering.SECRET_KEY,
            "the bearer key of the auto-reply AI endpoint"),
    EVENTS_PAYLOAD_MEDIA("KUBEZAP_EVENTS_PAYLOAD_MEDIA", From.SPEC, "spec.events.payload.media", "Url", Rendering.NAME,
            "`Url`: an event names its file by a signed link; `Base64`: the file inline up to "
                    + "`KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE`, else the link"),
    EVENTS_PAYLOAD_BASE64_MAX_SIZE("KUBEZAP_EVENTS_PAYLOAD_BASE64_MAX_SIZE", From.SPEC, "spec.events.payload.base64MaxSize", "1M",
            Rendering.BYTES,
            "the largest file carried inline with `Base64`"),
    EVENTS_PAYLOAD_MEDIA_URL_EXPIRY("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_EXPIRY", From.SPEC, "spec.events.payload.mediaUrlExpiry",
            "1h", Rendering.DURATION,
            "how long a link opens its file, from each delivery attempt"),
    EVENTS_PAYLOAD_RAW("KUBEZAP_EVENTS_PAYLOAD_RAW", From.SPEC, "spec.events.payload.raw", "false", Rendering.BOOLEAN,
            "`true`: an incoming message's event also carries WhatsApp's message as the engine received it, under `_data`"),
    /** Where receivers reach this session's media links: the operator's media-url-base and the session's gateway path. */
    EVENTS_PAYLOAD_MEDIA_URL_BASE("KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE", From.OPERATOR,
            "the operator's kubezap.session.media-url-base, then /api/v1/namespaces/<namespace>/sessions/<name>", null, Rendering.TEXT,
            "the session's base URL as receivers reach it (the gateway's path, or the pod's own in local mode); unset: "
                    + "no links, the event keeps the pod's relative media path"),
    DATABASE_URL(PodEnvironment.DATABASE_URL, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY,
            "PostgreSQL (in Kubernetes: the session's own role); unset: local mode, an embedded server"),
    DATABASE_USERNAME(PodEnvironment.DATABASE_USERNAME, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY,
            "the database login's user"),
    DATABASE_PASSWORD(PodEnvironment.DATABASE_PASSWORD, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY,
            "the database login's password"),
    DATABASE_TOKEN(PodEnvironment.DATABASE_TOKEN, From.SECRET, "<name>-database", null, Rendering.SECRET_KEY,
            "the session's database token, presented first in every transaction when the pod logs in with its "
                    + "namespace's role (docs/decisions/0017); unset with a role of the session's own"),
    KEY_WRAPPING_KEYS(PodEnvironment.KEY_WRAPPING_KEYS, From.SECRET, "kubezap-key-wrapping (the namespace's)", null, Rendering.SECRET_KEY,
            "the keys that wrap the session's data key (`<id>:<base64 AES-256 key>`, comma-separated, the first "
                    + "current); unset, the key store is kept unencrypted"),
    KEY_WRAPPING_KMS_KEY(PodEnvironment.KEY_WRAPPING_KMS_KEY, From.OPERATOR, "the operator's kubezap.session.key-wrapping-kms-key",
            null, Rendering.TEXT,
            "AWS KMS keys (each an ARN, alias ARN, key id or `alias/…`; comma-separated, the first current, the others "
                    + "only still open what they wrapped) that wrap the session's data key, bound to the session; with "
                    + "`KUBEZAP_KEY_WRAPPING_KEYS` set too, KMS is current and the Secret's keys still open what they wrapped"),
    KEY_WRAPPING_KMS_ENDPOINT(PodEnvironment.KEY_WRAPPING_KMS_ENDPOINT, From.OPERATOR,
            "the operator's kubezap.session.key-wrapping-kms-endpoint", null, Rendering.TEXT,
            "KMS' URL when not AWS' own for the key's region (a VPC endpoint, a KMS-compatible service)"),
    DATABASE_POOL_MAX(PodEnvironment.DATABASE_POOL_MAX, From.OPERATOR, "the operator's kubezap.session.database-pool-max", "3",
            Rendering.INTEGER,
            "most database connections the pod opens (the operator sets it from the chart's connection budget)"),
    DATABASE_POOL_MIN(PodEnvironment.DATABASE_POOL_MIN, From.OPERATOR, "the operator's kubezap.session.database-pool-min", "0",
            Rendering.INTEGER,
            "database connections the pod keeps open while idle: 1 behind a pooler (the chart sets it), so that a burst "
                    + "after a failover finds each session logged in; 0 direct, where a kept connection is a server process"),
    HTTP_PORT(PodEnvironment.HTTP_PORT, From.OPERATOR, "the Service's port", "8080", Rendering.INTEGER,
            "the HTTP port of the API and OpenAPI (HTTP/1.1; a client asking for an h2c upgrade is answered in HTTP/1.1)"),
    MANAGEMENT_PORT(PodEnvironment.MANAGEMENT_PORT, From.OPERATOR, "the probes' port", "9000", Rendering.INTEGER,
            "the port of health and metrics (`/q/health/*`, `/q/metrics`: Quarkus' management interface; local mode "
                    + "binds it to 127.0.0.1)"),

    // the pod's own, never set by the operator and not a tenant's to set: what the process runs, and what it trusts
    API_KEY_FILE("KUBEZAP_API_KEY_FILE", From.POD, "local mode", null, Rendering.FILE,
            "a file holding the API key (a mounted Secret), used when `KUBEZAP_API_KEY` is unset"),
    LOCAL_MODE("KUBEZAP_LOCAL_MODE", From.POD, "the local-mode launcher", "false", Rendering.BOOLEAN,
            "set by the local-mode launcher when it started an embedded PostgreSQL"),
    MIGRATE_ONLY("KUBEZAP_MIGRATE_ONLY", From.POD, "the migrate command", "false", Rendering.BOOLEAN,
            "set by the `migrate` command: apply the schema migrations, run no session"),
    SCHEMA_MIGRATE_AT_START("KUBEZAP_SCHEMA_MIGRATE_AT_START", From.POD, "local mode", "false", Rendering.BOOLEAN,
            "apply the migrations at start when the schema is behind: only for a pod alone on its own database (local "
                    + "mode always does)"),
    KEY_STORE_ROWS("KUBEZAP_KEY_STORE_ROWS", From.POD, "the key store WAL benchmark", "true", Rendering.BOOLEAN,
            "in storage mode `Database`, the key store is written as rows of the entries that changed; `false`: the "
                    + "whole copy each time"),
    BAILEYS_BRIDGE("KUBEZAP_BAILEYS_BRIDGE", From.POD, "the image", "/opt/kubezap/baileys-bridge", Rendering.FILE,
            "the directory of the Baileys bridge (`bridge.js` and its `node_modules`)"),
    BAILEYS_NODE("KUBEZAP_BAILEYS_NODE", From.POD, "the image", "node", Rendering.FILE,
            "the Node.js executable that runs it"),
    WA_VERSION_URL("KUBEZAP_WA_VERSION_URL", From.POD, "the release", "https://web.whatsapp.com/sw.js", Rendering.TEXT,
            "where the current WhatsApp Web version is learnt: web.whatsapp.com's service worker (its "
                    + "`client_revision` n gives `2.3000.n`), fetched the way the WhatsApp socket goes (the session's proxy, "
                    + "else the JVM's proxy settings)"),
    GATEWAY_DATABASE_PASSWORD("KUBEZAP_GATEWAY_DATABASE_PASSWORD", From.POD, "the chart's migration Job", null, Rendering.SECRET_KEY,
            "the `migrate` command lets the gateway's database role log in with this password"),
    POOLED_SERVER_LOGIN("KUBEZAP_POOLED_SERVER_LOGIN", From.POD, "the chart's migration Job", null, Rendering.BOOLEAN,
            "the `migrate` command lets the shared server role `kubezap_pooled` log in (`true`, the chart's PgBouncer with "
                    + "`postgresql.pooler.sharedServerRole`) or not (`false`); unset leaves the role as it is"),
    HOST_SESSIONS_DIR(PodEnvironment.HOST_SESSIONS_DIR, From.POD, "a session host's StatefulSet", null,
            Rendering.FILE,
            "only in a session host ([0021](../docs/decisions/0021-session-hosts.md)): the mounted directory listing the "
                    + "sessions the host runs, read every 5 s; unset, the pod runs the one session `KUBEZAP_SESSION` names"),
    LOG_CONSOLE_JSON("QUARKUS_LOG_CONSOLE_JSON", From.POD, "the chart's logging.json", "false", Rendering.BOOLEAN,
            "`true` for JSON logs; every line carries the fields `namespace` and `session`, and a line logged while "
                    + "serving a request with a W3C `traceparent` its trace in `mdc` (`traceId`, `parentId`, `sampled`; with "
                    + "`QUARKUS_OTEL_SDK_DISABLED=false` the pod's own `spanId` too)"),

    // the pod's own tuning, a tenant's to set through spec.podTemplate.env: limits and pacing of its own pod only
    SCHEMA_RECHECK_INTERVAL("KUBEZAP_SCHEMA_RECHECK_INTERVAL", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET,
            "how often a pod waiting for its schema looks again"),
    HTTP_MAX_URI_LENGTH("KUBEZAP_HTTP_MAX_URI_LENGTH", From.POD, "tuning", "8192", Rendering.INTEGER, Tenant.MAY_SET,
            "the longest path and query, in characters (414 beyond)"),
    HTTP_MAX_HEADER_SIZE("KUBEZAP_HTTP_MAX_HEADER_SIZE", From.POD, "tuning", "20K", Rendering.BYTES, Tenant.MAY_SET,
            "the most bytes of request headers (431 beyond)"),
    MAX_BODY_SIZE("KUBEZAP_MAX_BODY_SIZE", From.POD, "tuning", "128M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest request body (must exceed the largest media kind below; 413 beyond)"),
    HISTORY_MAX_MESSAGES("KUBEZAP_HISTORY_MAX_MESSAGES", From.POD, "tuning", "100000", Rendering.INTEGER, Tenant.MAY_SET,
            "the most history messages the session keeps; a batch beyond it is stored in part (chat by chat in the "
                    + "batch's order, each chat's newest messages first; the rest counted as `dropped` in its `history.synced` "
                    + "event)"),
    MEDIA_URL_TIMEOUT("KUBEZAP_MEDIA_URL_TIMEOUT", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET,
            "a send by URL gives up on a server slower than this to connect, or to send the next part of its answer"),
    MEDIA_MAX_SIZE_IMAGE("KUBEZAP_MEDIA_MAX_SIZE_IMAGE", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest image accepted (413 beyond)"),
    MEDIA_MAX_SIZE_VIDEO("KUBEZAP_MEDIA_MAX_SIZE_VIDEO", From.POD, "tuning", "64M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest video accepted (413 beyond)"),
    MEDIA_MAX_SIZE_AUDIO("KUBEZAP_MEDIA_MAX_SIZE_AUDIO", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest audio file accepted (413 beyond)"),
    MEDIA_MAX_SIZE_VOICE("KUBEZAP_MEDIA_MAX_SIZE_VOICE", From.POD, "tuning", "16M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest voice note accepted (413 beyond)"),
    MEDIA_MAX_SIZE_DOCUMENT("KUBEZAP_MEDIA_MAX_SIZE_DOCUMENT", From.POD, "tuning", "100M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest document accepted (413 beyond)"),
    MEDIA_MAX_SIZE_STICKER("KUBEZAP_MEDIA_MAX_SIZE_STICKER", From.POD, "tuning", "1M", Rendering.BYTES, Tenant.MAY_SET,
            "the largest sticker accepted (413 beyond)"),
    CONTACTS_CHECKS_PER_MINUTE("KUBEZAP_CONTACTS_CHECKS_PER_MINUTE", From.POD, "tuning", "60", Rendering.INTEGER, Tenant.MAY_SET,
            "most numbers `POST /contacts/check` asks WhatsApp about per minute (cached answers are free); beyond, 429"),
    CONTACTS_CHECK_CACHE("KUBEZAP_CONTACTS_CHECK_CACHE", From.POD, "tuning", "24h", Rendering.DURATION, Tenant.MAY_SET,
            "how long a number check's answer is reused"),
    SEND_MAX_ATTEMPTS("KUBEZAP_SEND_MAX_ATTEMPTS", From.POD, "tuning", "5", Rendering.INTEGER, Tenant.MAY_SET,
            "attempts per message before it is marked `failed`"),
    SEND_RETRY_INITIAL_DELAY("KUBEZAP_SEND_RETRY_INITIAL_DELAY", From.POD, "tuning", "2s", Rendering.DURATION, Tenant.MAY_SET,
            "the first retry of a send waits this long; each next one twice as long"),
    SEND_RETRY_MAX_DELAY("KUBEZAP_SEND_RETRY_MAX_DELAY", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET,
            "no retry of a send waits longer"),
    SEND_TIMEOUT("KUBEZAP_SEND_TIMEOUT", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET,
            "how long WhatsApp may take to confirm one send; past it, the send counts as a failed attempt and is made "
                    + "again under the same WhatsApp id (so the recipient gets it once)"),
    DATABASE_IDLE_TIMEOUT("KUBEZAP_DATABASE_IDLE_TIMEOUT", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET,
            "a connection idle this long is closed: an idle session holds none"),
    WEBHOOK_MAX_ATTEMPTS("KUBEZAP_WEBHOOK_MAX_ATTEMPTS", From.POD, "tuning", "10", Rendering.INTEGER, Tenant.MAY_SET,
            "attempts before a webhook delivery becomes a dead letter"),
    WEBHOOK_RETRY_INITIAL_DELAY("KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET,
            "the first retry of a delivery waits up to this long (full jitter)"),
    WEBHOOK_RETRY_MAX_DELAY("KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", From.POD, "tuning", "15m", Rendering.DURATION, Tenant.MAY_SET,
            "no retry of a delivery waits longer"),
    WEBHOOK_TIMEOUT("KUBEZAP_WEBHOOK_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET,
            "an endpoint that has not answered by then counts as failed"),
    WEBHOOK_POLL_INTERVAL("KUBEZAP_WEBHOOK_POLL_INTERVAL", From.POD, "tuning", "5m", Rendering.DURATION, Tenant.MAY_SET,
            "how long an idle endpoint worker waits for a wake-up before it looks at the outbox anyway (a safety net: "
                    + "every stored event wakes it)"),
    SINK_RETRY_INITIAL_DELAY("KUBEZAP_SINK_RETRY_INITIAL_DELAY", From.POD, "tuning", "1s", Rendering.DURATION, Tenant.MAY_SET,
            "a sink's failed batch is published again after this backoff (doubling, equal jitter), for as long as it fails"),
    SINK_RETRY_MAX_DELAY("KUBEZAP_SINK_RETRY_MAX_DELAY", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET,
            "no retry of a sink's batch waits longer (nothing is dropped)"),
    SINK_TIMEOUT("KUBEZAP_SINK_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET,
            "connecting to a broker, and its acknowledgement of each event, must take less"),
    SINK_BATCH("KUBEZAP_SINK_BATCH", From.POD, "tuning", "100", Rendering.INTEGER, Tenant.MAY_SET,
            "most queued events a sink reads and publishes at a time"),
    SINK_POLL_INTERVAL("KUBEZAP_SINK_POLL_INTERVAL", From.POD, "tuning", "5m", Rendering.DURATION, Tenant.MAY_SET,
            "how long an idle sink waits for a wake-up before it looks at its queue anyway (a safety net: every stored "
                    + "event wakes it)"),
    SINK_DEAD_LETTER_AFTER("KUBEZAP_SINK_DEAD_LETTER_AFTER", From.POD, "tuning", "5", Rendering.INTEGER, Tenant.MAY_SET,
            "an SQS sink with a `deadLetterQueue` sends an event there once its queue has refused it this many times "
                    + "(too large, say)"),
    CHATWOOT_TIMEOUT("KUBEZAP_CHATWOOT_TIMEOUT", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET,
            "each call to Chatwoot must answer within this"),
    CHATWOOT_RETRY_INITIAL_DELAY("KUBEZAP_CHATWOOT_RETRY_INITIAL_DELAY", From.POD, "tuning", "1s", Rendering.DURATION, Tenant.MAY_SET,
            "the first retry of a failed mirror to Chatwoot waits about this long"),
    CHATWOOT_RETRY_MAX_DELAY("KUBEZAP_CHATWOOT_RETRY_MAX_DELAY", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET,
            "no retry waits longer (a mirror is retried until it succeeds: nothing is dropped)"),
    CHATWOOT_IMPORT_SETTLE("KUBEZAP_CHATWOOT_IMPORT_SETTLE", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET,
            "the history import starts once no history batch has come for this long, so that a conversation's past "
                    + "messages are posted oldest first"),
    EVENTS_STREAM_HEARTBEAT("KUBEZAP_EVENTS_STREAM_HEARTBEAT", From.POD, "tuning", "15s", Rendering.DURATION, Tenant.MAY_SET,
            "a comment line (SSE) or a ping (WebSocket) this often keeps idle streams open through proxies and notices "
                    + "gone clients"),
    EVENTS_STREAM_PAGE_SIZE("KUBEZAP_EVENTS_STREAM_PAGE_SIZE", From.POD, "tuning", "100", Rendering.INTEGER, Tenant.MAY_SET,
            "stored events one stream reads from the database at a time"),
    EVENTS_STREAM_MAX_BUFFERED_EVENTS("KUBEZAP_EVENTS_STREAM_MAX_BUFFERED_EVENTS", From.POD, "tuning", "2000", Rendering.INTEGER, Tenant.MAY_SET,
            "events all streams together may hold in memory (read, not yet sent)"),
    EVENTS_STREAM_CONCURRENT_READS("KUBEZAP_EVENTS_STREAM_CONCURRENT_READS", From.POD, "tuning", "1", Rendering.INTEGER, Tenant.MAY_SET,
            "streams that may read the database at the same time, so REST requests always find a connection"),
    EVENTS_STREAM_STALL_TIMEOUT("KUBEZAP_EVENTS_STREAM_STALL_TIMEOUT", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET,
            "a client that takes no event for this long is dropped"),
    EVENTS_STREAM_MAX_STREAMS("KUBEZAP_EVENTS_STREAM_MAX_STREAMS", From.POD, "tuning", "1000", Rendering.INTEGER, Tenant.MAY_SET,
            "open streams at most; one more is refused with 503"),
    RETENTION_INTERVAL("KUBEZAP_RETENTION_INTERVAL", From.POD, "tuning", "1h", Rendering.DURATION, Tenant.MAY_SET,
            "how often the pruning runs (first after one interval)"),
    RETENTION_BATCH_SIZE("KUBEZAP_RETENTION_BATCH_SIZE", From.POD, "tuning", "500", Rendering.INTEGER, Tenant.MAY_SET,
            "how many rows each of the pruning's short transactions deletes"),
    STORAGE_QUOTA_CHECK_INTERVAL("KUBEZAP_STORAGE_QUOTA_CHECK_INTERVAL", From.POD, "tuning", "1m", Rendering.DURATION, Tenant.MAY_SET,
            "how often what the session keeps is measured against `KUBEZAP_STORAGE_QUOTA`"),
    WA_VERSION_TIMEOUT("KUBEZAP_WA_VERSION_TIMEOUT", From.POD, "tuning", "5s", Rendering.DURATION, Tenant.MAY_SET,
            "how long learning the WhatsApp Web version may take before the pod falls back"),
    QR_FIRST_LIFETIME("KUBEZAP_QR_FIRST_LIFETIME", From.POD, "tuning", "60s", Rendering.DURATION, Tenant.MAY_SET,
            "how long the first QR ref of a pairing request is shown (as WhatsApp Web does); tests shorten it"),
    QR_NEXT_LIFETIME("KUBEZAP_QR_NEXT_LIFETIME", From.POD, "tuning", "20s", Rendering.DURATION, Tenant.MAY_SET,
            "how long each further QR ref is shown"),
    PAIRING_CODE_LIFETIME("KUBEZAP_PAIRING_CODE_LIFETIME", From.POD, "tuning", "150s", Rendering.DURATION, Tenant.MAY_SET,
            "how long a pairing code is offered; then the pod drops it and opens a new login socket (a fresh code with "
                    + "`PairingCode`, a QR otherwise); just under the ~160 s the refs of one login socket last"),
    LOGIN_TIMEOUT("KUBEZAP_LOGIN_TIMEOUT", From.POD, "tuning", "90s", Rendering.DURATION, Tenant.MAY_SET,
            "how long a linked session's login may take from its first handshake frame; then it is given up "
                    + "(`lastError.reason` `ReconnectStalled`) and tried again. Past WhatsApp's 60 s wait for each login "
                    + "answer, so that an answer that comes too late fails in the engine first; tests shorten it"),
    KEY_STORE_MIRROR_INTERVAL("KUBEZAP_KEY_STORE_MIRROR_INTERVAL", From.POD, "tuning", "10s", Rendering.DURATION, Tenant.MAY_SET,
            "the WhatsApp key store is copied into PostgreSQL (`key_store_mirrors`) at most this often while it "
                    + "changes, and at a clean stop; a pod on an empty volume restores it from there "
                    + "([docs/backup.md](../docs/backup.md))"),
    SETTLED_COLLECTION_QUIET("KUBEZAP_SETTLED_COLLECTION_QUIET", From.POD, "tuning", "30s", Rendering.DURATION, Tenant.MAY_SET,
            "once the session has been Connected this long without an engine event, the pod collects its heap once, "
                    + "giving back what start-up left in it "
                    + "([0008](../docs/decisions/0008-one-heap-collection-once-settled.md)); `0s` turns it off");

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
    private final String meaning;

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, String meaning) {
        this(env, from, origin, podDefault, rendering, Read.CONFIG, Tenant.RESERVED, meaning);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Read read, String meaning) {
        this(env, from, origin, podDefault, rendering, read, Tenant.RESERVED, meaning);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Tenant tenant, String meaning) {
        this(env, from, origin, podDefault, rendering, Read.CONFIG, tenant, meaning);
    }

    PodSetting(String env, From from, String origin, String podDefault, Rendering rendering, Read read, Tenant tenant,
               String meaning) {
        this.env = env;
        this.from = from;
        this.origin = origin;
        this.podDefault = podDefault;
        this.rendering = rendering;
        this.read = read;
        this.tenant = tenant;
        this.meaning = meaning;
    }

    /** The environment variable. */
    public String env() {
        return env;
    }

    /** What the setting does, in the words of the configuration reference ({@code session-pod/README.md}). */
    public String meaning() {
        return meaning;
    }

    public From from() {
        return from;
    }

    /** Where the value comes from, in words: a spec field's path ({@code spec.media.store}), a setting, a Secret. */
    public String origin() {
        return origin;
    }

    /**
     * The one spec field the value is read from, relative to {@code spec} ({@code media.store}), as documented: the
     * operator reads it through a typed getter, and a test holds the two together.
     */
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
     * The rows a session host (decision record 0021) takes from its own environment, in the
     * container's order: where it runs, its ports, its one connection pool (logging in with the namespace's role,
     * record 0017), its storage mode, and the cluster admin's egress lists, which the pod reads from its process'
     * environment alone (no tenant's setting may replace them) and which are the same for every session. Every other
     * row reaches a hosted session in its entry ({@link io.kubezap.contract.host.HostSessionFile}).
     */
    public static List<PodSetting> hostSet() {
        Set<PodSetting> host = EnumSet.of(NAMESPACE, DATA_DIR, STORAGE_MODE, DATABASE_URL, DATABASE_USERNAME,
                DATABASE_PASSWORD, DATABASE_POOL_MAX, DATABASE_POOL_MIN, HTTP_PORT, MANAGEMENT_PORT,
                MEDIA_URL_ALLOW_LIST, WEBHOOK_DENY_LIST);
        return operatorSet().stream().filter(host::contains).toList();
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
