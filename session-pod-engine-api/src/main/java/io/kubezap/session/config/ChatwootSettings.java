package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code spec.chatwoot} as the operator passes it ({@code KUBEZAP_CHATWOOT_*}, rows of {@code contract.PodSetting}):
 * the connector runs only when {@link #url()} is set. The access token comes from the user's Secret and is never
 * logged, stored or shown.
 */
public interface ChatwootSettings {

    /** KUBEZAP_CHATWOOT_URL: Chatwoot's base URL ({@code https://chatwoot.example.com}). */
    Optional<String> url();

    /** KUBEZAP_CHATWOOT_ACCOUNT_ID: the Chatwoot account the inbox belongs to. */
    OptionalLong accountId();

    /** KUBEZAP_CHATWOOT_API_ACCESS_TOKEN: a Chatwoot user's or agent bot's access token (header {@code api_access_token}). */
    Optional<String> apiAccessToken();

    /** KUBEZAP_CHATWOOT_INBOX_ID: an existing API-channel inbox to use; without it the connector makes one. */
    OptionalLong inboxId();

    /** KUBEZAP_CHATWOOT_INBOX_NAME: the name of the inbox the connector makes (default: the session's name). */
    Optional<String> inboxName();

    /**
     * KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL: where Chatwoot reaches this pod; the connector sets the inbox's webhook URL to
     * it plus the session's path and a secret token (default: the pod's in-cluster address).
     */
    Optional<String> webhookBaseUrl();

    /**
     * KUBEZAP_CHATWOOT_IMPORT_MESSAGES (Evolution API's importMessages): the phone's recent history, as its history sync
     * brings it, is imported into Chatwoot once.
     */
    @WithDefault("false")
    boolean importMessages();

    /** KUBEZAP_CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES (Evolution API's daysLimitImportMessages): how many days back the import reaches. */
    @WithDefault("3")
    int daysLimitImportMessages();

    /**
     * KUBEZAP_CHATWOOT_IMPORT_SETTLE: the import starts once no history batch has come for this long, so that a
     * conversation's past messages, which WhatsApp sends newest first across several batches, are posted oldest first.
     */
    @WithDefault("10s")
    Duration importSettle();

    /**
     * KUBEZAP_CHATWOOT_WEBHOOK_SECRET: the inbox's webhook secret (a Secret's key): set, a webhook call must also carry
     * Chatwoot's signature ({@code chatwoot.ChatwootSignature}).
     */
    Optional<String> webhookSecret();

    /** KUBEZAP_CHATWOOT_TIMEOUT: each call to Chatwoot must answer within this. */
    @WithDefault("10s")
    Duration timeout();

    /** KUBEZAP_CHATWOOT_RETRY_INITIAL_DELAY: the first retry of a failed mirror waits about this long. */
    @WithDefault("1s")
    Duration retryInitialDelay();

    /** KUBEZAP_CHATWOOT_RETRY_MAX_DELAY: no retry waits longer (a mirror is retried until it succeeds: nothing is dropped). */
    @WithDefault("1m")
    Duration retryMaxDelay();

    default boolean enabled() {
        return url().filter(url -> !url.isBlank()).isPresent();
    }
}
