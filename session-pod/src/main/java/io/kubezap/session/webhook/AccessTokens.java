package io.kubezap.session.webhook;

import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The access tokens of webhooks that authenticate with an OAuth2 client-credentials grant, fetched with Vert.x's
 * OAuth2 client (vertx-auth-oauth2, on the pod's Vert.x) before the first delivery and again once the token is within
 * a minute of its expiry ({@code expires_in}) or a receiver answered 401. One client per grant, made when a delivery first needs it:
 * a session without such a webhook loads none of it. The token endpoint is checked by the webhooks' egress rule
 * before each fetch; the client then resolves the name again itself (unlike deliveries, which connect to the checked
 * address).
 */
final class AccessTokens {

    /** A token this close to its expiry is fetched anew. */
    private static final int EXPIRY_MARGIN_SECONDS = 60;

    /** Why no token could be had; its message never holds the client secret. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final Vertx vertx;
    private final WebhookTargets targets;
    private final Duration timeout;
    private final Map<WebhookAuth.ClientCredentials, Grant> grants = new ConcurrentHashMap<>();

    AccessTokens(Vertx vertx, WebhookTargets targets, Duration timeout) {
        this.vertx = vertx;
        this.targets = targets;
        this.timeout = timeout;
    }

    /** A token that is not about to expire: the one held, or a new one from the token endpoint. */
    String accessToken(WebhookAuth.ClientCredentials credentials) throws Unavailable {
        return grants.computeIfAbsent(credentials, Grant::new).token();
    }

    /** The receiver refused the token: the next delivery fetches a new one. */
    void refused(WebhookAuth.ClientCredentials credentials) {
        Grant grant = grants.get(credentials);
        if (grant != null) {
            grant.forget();
        }
    }

    void close() {
        grants.values().forEach(Grant::close);
    }

    private final class Grant {

        private final WebhookAuth.ClientCredentials credentials;
        private OAuth2Auth client;
        private User held;
        private java.time.Instant renewAt;

        Grant(WebhookAuth.ClientCredentials credentials) {
            this.credentials = credentials;
        }

        synchronized String token() throws Unavailable {
            if (held == null || (renewAt != null && !java.time.Instant.now().isBefore(renewAt))) {
                held = fetch();
                renewAt = renewal(held);
            }
            return held.principal().getString("access_token");
        }

        synchronized void forget() {
            held = null;
        }

        synchronized void close() {
            if (client != null) {
                client.close();
            }
        }

        private User fetch() throws Unavailable {
            EgressRule.Target target = targets.target(credentials.tokenUrl());
            if (!target.allowed()) {
                throw new Unavailable("OAuth2 token endpoint " + RedactedUrl.of(credentials.tokenUrl()) + " not asked: "
                        + target.refusal());
            }
            try {
                User user = client().authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.CLIENT)
                                .setScopes(credentials.scopes()))
                        .toCompletionStage().toCompletableFuture()
                        .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                if (user.principal().getString("access_token") == null) {
                    throw new Unavailable(problem("answered without an access_token"));
                }
                return user;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable(problem("interrupted"));
            } catch (TimeoutException e) {
                throw new Unavailable(problem("no answer within " + timeout));
            } catch (ExecutionException e) {
                throw new Unavailable(problem(e.getCause().getClass().getSimpleName() + ": " + scrub(e.getCause().getMessage())));
            }
        }

        /** {@code expires_in} (seconds) less the margin; a token without it is kept until a receiver refuses it. */
        private static java.time.Instant renewal(User user) {
            Long expiresIn = user.principal().getLong("expires_in");
            return expiresIn == null ? null
                    : java.time.Instant.now().plusSeconds(Math.max(0, expiresIn - EXPIRY_MARGIN_SECONDS));
        }

        private OAuth2Auth client() {
            if (client == null) {
                client = OAuth2Auth.create(vertx, new OAuth2Options()
                        .setFlow(OAuth2FlowType.CLIENT)
                        .setClientId(credentials.clientId())
                        .setClientSecret(credentials.clientSecret())
                        .setTokenPath(credentials.tokenUrl().toString())
                        .setUserAgent("kubezap-webhooks")
                        .setHttpClientOptions(new HttpClientOptions()
                                .setConnectTimeout((int) timeout.toMillis())
                                .setIdleTimeout((int) timeout.toSeconds() + 1)
                                .setProxyOptions((ProxyOptions) null)));
            }
            return client;
        }

        private String problem(String what) {
            return "OAuth2 token endpoint " + RedactedUrl.of(credentials.tokenUrl()) + " " + what;
        }

        private String scrub(String message) {
            if (message == null) {
                return "";
            }
            return EndpointLabel.scrub(message.replace(credentials.clientSecret(), RedactedUrl.MASK), credentials.tokenUrl());
        }
    }
}
