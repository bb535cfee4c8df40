package io.kubezap.session.chatwoot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code spec.chatwoot} as the operator passes it ({@code KUBEZAP_CHATWOOT_*}, rows of {@code contract.PodSetting}):
 * the connector runs only when {@link #url()} is set. The access token comes from the user's Secret and is never
 * logged, stored or shown.
 */
@ConfigMapping(prefix = "kubezap.chatwoot")
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
