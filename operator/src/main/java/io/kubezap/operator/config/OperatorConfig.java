package io.kubezap.operator.config;

import io.kubezap.contract.StorageMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The operator's own settings ({@code kubezap.*}); see docs/operator-configuration.md. */
@ConfigMapping(prefix = "kubezap")
public interface OperatorConfig {

    Session session();

    Database database();

    /** Most sessions that may hold a StatefulSet at once; further sessions wait in phase Pending. */
    @WithDefault("500")
    int maxSessions();

    Poll poll();

    Gateway gateway();

    /** The namespaces' session hosts (decision record 0021); apart from {@code kubezap.session.*}, see {@link Host}. */
    Host host();

    /**
     * Most session pods of one namespace rolling to a new pod template at once (an operator or image upgrade changes
     * them all): a count ({@code 10}) or a share of the namespace's sessions ({@code 25%}); the others keep their
     * template until earlier ones are ready. Per namespace, so tenants roll independently.
     */
    @WithDefault("10")
    String maxConcurrentRollouts();

    /**
     * Most session pods rolling to a new pod template at once across every namespace, beside each namespace's
     * {@link #maxConcurrentRollouts()}: what the database and its pooler take in reconnecting sessions at once.
     */
    @WithDefault("50")
    int maxConcurrentRolloutsTotal();

    /**
     * Maintenance mode for every session: nothing is reconciled and no pod restarted until it is false again (a
     * session's own switch is its annotation {@code kubezap.io/pause-reconciliation: "true"}).
     */
    @WithDefault("false")
    boolean pauseReconciliation();

    /** How long deletion waits for the session pod to confirm a logout before giving up on it. */
    @WithDefault("30s")
    Duration logoutTimeout();

    /**
     * What every session host pod requests (chart values {@code host.*}): provisional, as a whole host with its
     * sessions' history was not measured yet (helm/README.md, "Session hosts"). Not under
     * {@code kubezap.session.*}: that group is the installation's digest a session pod is rolled by, and a host's
     * resources are no session's.
     */
    interface Host {
        /** {@link #databasePoolMax()}'s default, which the connection budget assumes where no configuration is read. */
        String DEFAULT_DATABASE_POOL_MAX = "10";

        @WithDefault("250m")
        String cpuRequest();

        @WithDefault("1Gi")
        String memoryRequest();

        @WithDefault("4Gi")
        String memoryLimit();

        /**
         * Most database connections a host's one pool opens for all its sessions (KUBEZAP_DATABASE_POOL_MAX of the
         * host); its idle connections are the session pods' ({@code kubezap.session.database-pool-min}).
         */
        @WithDefault(DEFAULT_DATABASE_POOL_MAX)
        int databasePoolMax();

        /**
         * Sessions per host in a namespace whose defaults ConfigMap sets no {@code sessionsPerHost} (1 to 500; a
         * host's Secret holds at most 1 MiB of session files).
         */
        @WithDefault("100")
        int sessionsPerHost();
    }

    interface Session {
        /** Image of the session pods on the Cobalt engine (spec.engine Cobalt or unset). */
        @WithDefault("ghcr.io/kubezap/session-pod:0.1.0")
        String image();

        /** Image of the session pods on the Baileys engine: the session-pod image plus Node.js and the Baileys bridge. */
        @WithDefault("ghcr.io/kubezap/session-pod-baileys:0.1.0")
        String baileysImage();

        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        /**
         * Base URL used instead of {@code http://<name>.<namespace>.svc:8080} to reach every session pod,
         * for an operator running outside the cluster (development, tests).
         */
        Optional<String> endpointOverride();

        /**
         * Where sessions that do not set {@code spec.storage.mode} keep their key store: {@code Volume} (a claim per
         * session) or {@code Database} (PostgreSQL, an emptyDir cache, no claim). Taken when a session's StatefulSet is
         * made: changing it moves no existing session.
         */
        @WithDefault("Volume")
        StorageMode storageMode();

        /** WhatsApp Web version the session pods announce (KUBEZAP_WA_VERSION); unset: the pod's own default. */
        Optional<String> waVersion();

        /**
         * Most database connections each session pod opens (KUBEZAP_DATABASE_POOL_MAX); the chart sets it from the
         * connection budget. Unset: the pod's own default.
         */
        Optional<Integer> databasePoolMax();

        /**
         * Database connections each session pod keeps while idle (KUBEZAP_DATABASE_POOL_MIN); the chart sets 1 when the
         * sessions reach PostgreSQL through a pooler. Unset: the pod's own default (0).
         */
        Optional<Integer> databasePoolMin();

        /**
         * AWS KMS keys (ARN, alias ARN, key id or {@code alias/…}; comma-separated, the first wraps, the others only
         * still open what they wrapped) that wrap every session's data key (KUBEZAP_KEY_WRAPPING_KMS_KEY), ahead of
         * the namespace's key-wrapping Secret, whose keys still open what they wrapped. Unset: the Secret's key wraps.
         */
        Optional<String> keyWrappingKmsKey();

        /** KMS' URL when not AWS' own for the key's region (a VPC endpoint). */
        Optional<String> keyWrappingKmsEndpoint();

        /**
         * Most bytes of rows each session may keep in the shared database (a quantity: {@code 2Gi}), enforced by
         * PostgreSQL itself on the session's role (migration V78), not by the pod the tenant controls. Unset: none.
         */
        Optional<String> databaseQuota();

        /**
         * Every session's pod template defaults (the chart's {@code session.podTemplate}), as JSON in the shape of
         * {@code spec.podTemplate}, which overrides them per session. Unset: none.
         */
        Optional<String> podTemplate();

        /**
         * The NetworkPolicies of session pods (the chart renders them from networkPolicy.*), as a JSON list of
         * NetworkPolicy objects (name, labels, spec): placed in every namespace where the operator runs sessions,
         * including namespaces made after install. Unset or empty: none (and the operator removes those it placed).
         */
        Optional<String> networkPolicies();

        /**
         * true: the session pod pins no user, group or fsGroup, for platforms that assign them (OpenShift's
         * restricted-v2 refuses a pod that pins its own); it still runs as non-root.
         */
        @WithDefault("false")
        boolean platformAssignsUser();

        /**
         * true (the chart's {@code session.pairingCodesInStatus}): a session's QR and pairing code are in its status
         * ({@code status.qr}, {@code status.pairingCode}) as well as in its pairing Secret; false: in the Secret only, for
         * clusters whose {@code view} users (who read every resource of a namespace, no Secret) must not link a phone.
         */
        @WithDefault("true")
        boolean pairingCodesInStatus();

        /** Bound of each call to a session pod's REST API. */
        @WithDefault("5s")
        Duration requestTimeout();

        /**
         * CIDRs and host names that every session's sends by URL may reach although private (KUBEZAP_MEDIA_URL_ALLOW_LIST,
         * e.g. an in-cluster file server). Unset: only public addresses. The cluster admin's choice: the tenant's
         * spec.media.allowPrivateUrls is ignored.
         */
        Optional<java.util.List<String>> mediaUrlAllowList();

        /**
         * Where receivers of events reach the gateway, e.g. {@code https://zap.example.com} (the chart's
         * {@code gateway.publicUrl}): an event's media link is this, the session's gateway path and the message's media
         * path, signed (KUBEZAP_EVENTS_PAYLOAD_MEDIA_URL_BASE). Unset: events keep the pod's relative media path.
         */
        Optional<String> mediaUrlBase();

        /**
         * CIDRs and host names no session's webhook is delivered to (KUBEZAP_WEBHOOK_DENY_LIST, e.g. the API server, the
         * nodes, other tenants' ranges); link-local addresses are refused without it. Unset: nothing more.
         */
        Optional<java.util.List<String>> webhookDenyList();

        /**
         * Event sinks every session pod publishes to besides its own spec.events.sinks (KUBEZAP_SESSION_EVENT_SINKS):
         * JSON in the shape of spec.events.sinks, see {@code InstallationSinks}. Unset: none.
         */
        Optional<String> eventSinks();

        /**
         * Webhooks every session gets unless it has its own or its namespace's defaults name some
         * (KUBEZAP_SESSION_DEFAULT_WEBHOOKS): JSON in the shape of spec.webhooks, see {@code SessionDefaults}. Unset: none.
         */
        Optional<String> defaultWebhooks();
    }

    interface Gateway {
        /**
         * The gateway's namespace (the chart's release namespace when it installs the gateway): each session's API
         * key is copied there, the only place the gateway reads Secrets. Unset: no gateway, nothing is copied.
         */
        Optional<String> namespace();
    }

    interface Database {
        /**
         * The admin credential: the operator creates each session's own role with it, and writes that role's
         * credentials into the session's namespace as {@code <session>-database}. Session pods never see it.
         */
        @WithDefault("kubezap-postgresql")
        String secretName();

        /** Namespace of that Secret; unset: the namespace the operator runs in. */
        Optional<String> secretNamespace();

        @WithDefault("jdbc-uri")
        String urlKey();

        @WithDefault("username")
        String usernameKey();

        @WithDefault("password")
        String passwordKey();

        /**
         * Key of the URL session pods connect to, when it differs from the admin's {@link #urlKey()} (a pooler such as
         * PgBouncer in front of the server); absent from the Secret: sessions use {@link #urlKey()}.
         */
        @WithDefault("session-jdbc-uri")
        String sessionUrlKey();

        /**
         * The URL session pods connect to, when the admin Secret cannot carry it: a Secret another operator writes
         * (CloudNativePG's {@code <cluster>-app}) beside a pooler the chart names (its {@code Pooler}'s Service).
         * Takes precedence over {@link #sessionUrlKey()}.
         */
        Optional<String> sessionUrl();

        /** How long deleting a session retries its data cleanup (dataOnDelete, role drop) while the database is down. */
        @WithDefault("5m")
        Duration cleanupTimeout();
    }

    interface Poll {
        /** While the session is starting, pairing or unreachable. */
        @WithDefault("2s")
        Duration pairingInterval();

        /**
         * While the session is connected (or held back by the session limit) and the operator does not hear the pods'
         * state notifications (its listening connection to PostgreSQL is down).
         */
        @WithDefault("30s")
        Duration connectedInterval();

        /**
         * While the session is connected and the operator listens for the pods' state notifications (a pod notifies on
         * every change of its state, and the operator polls it at once): the poll that catches what a lost notification
         * would miss.
         */
        @WithDefault("5m")
        Duration backstopInterval();

        /**
         * Shortest time between two polls of one session caused by its notifications: a tenant's role may notify any
         * session's name as often as it likes, which then costs at most one poll per session per this time.
         */
        @WithDefault("1s")
        Duration notifiedGap();

        /**
         * Most calls to session pods under way at once, for the pods that answered their last call and again for those
         * that did not (each call bounded by kubezap.session.request-timeout); further ones wait their turn. No call
         * holds a thread while the pod answers.
         */
        @WithDefault("256")
        int maxInFlight();
    }
}
