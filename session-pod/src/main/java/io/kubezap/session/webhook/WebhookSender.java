package io.kubezap.session.webhook;

import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.config.WebhookSettings;
import io.kubezap.session.egress.CheckedAddress;
import io.kubezap.session.egress.EgressRule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.kubezap.session.trace.TraceContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * POSTs one signed delivery and waits for its answer. Never throws: every outcome is a {@link DeliveryAttempt}.
 * <p>
 * An endpoint's deliveries go out one at a time (that keeps their order), so the cost of one exchange is the
 * dispatcher's throughput. Vert.x's client (already in the pod) keeps the connection open and answers a loopback
 * endpoint in well under 0.1 ms, where {@code HttpURLConnection} took about 1.2 ms per request and
 * {@code java.net.http.HttpClient} more (docs/benchmarks/2026-11-23-session-pod-stop-29-webhooks-on-vertx.md). Every
 * exchange runs on one Vert.x context
 * of the sender's own: a request started from a plain thread gets a new context each time, and the client's
 * connection pool, bound to another context, then sometimes never hands it a connection (seen here).
 * The caller's (virtual) thread waits for the outcome. The response body is read and discarded so the connection
 * can be reused. No proxy and no redirects: the JVM-wide proxy settings route WhatsApp's traffic, never a user's endpoint.
 * <p>
 * An https endpoint must present a certificate the JVM trusts (cacerts, or {@code -Djavax.net.ssl.trustStore}); one it
 * does not trust gets nothing, and the attempt's error says why (WebhookHttpsTest).
 * <p>
 * The endpoint's static headers go first, the delivery's own after them (names the CRD and the webhooks file refuse),
 * then its Authorization header ({@link WebhookAuth}; an OAuth2 grant's token from {@link AccessTokens}, forgotten when
 * the receiver answers 401). A token that cannot be had fails the attempt, retried like any other.
 * <p>
 * A delivery carries the W3C trace context of the request that caused its event ({@code traceparent}); Vert.x's own
 * tracing is off for this client, so that it never puts the dispatcher's (unrelated) context in its place.
 */
// created with the session, though loading its trust store costs start-up ~20 ms: created on first use (its Vert.x
// context then taken later), POST /messages' accept p50 rose by ~1 ms
// (docs/benchmarks/2026-11-23-session-pod-stop-31-ready-after-restart.md)
@Singleton
public class WebhookSender {

    /** How often the pool looks for connections kept alive too long (Vert.x: every second). */
    private static final int POOL_CLEANER_PERIOD_MILLIS = 15_000;

    public static final String EVENT_HEADER = "X-Kubezap-Event";
    public static final String SESSION_HEADER = "X-Kubezap-Session";

    private final WebhookSettings settings;
    private final Supplier<SessionSettings> session;
    private final WebhookTargets targets;
    private final Clock clock = Clock.systemUTC();
    private final Context context;
    private final HttpClient http;
    private final AccessTokens tokens;

    @Inject
    public WebhookSender(WebhookSettings settings, HostedSessions sessions, AdminEgressLists admin, Vertx vertx) {
        this(settings, sessions::currentSettings, vertx, null, WebhookTargets.of(admin));
    }

    /** {@code trustStore}: the certificates trusted instead of the JVM's (tests); null for the JVM's own. */
    WebhookSender(WebhookSettings settings, Supplier<SessionSettings> session, Vertx vertx, KeyStore trustStore, WebhookTargets targets) {
        this.settings = settings;
        this.session = session;
        this.targets = targets;
        this.context = vertx.getOrCreateContext();
        // the pool's cleaner closes connections kept alive past their 30 s; by default it woke the event loop every
        // second of an idle session's life (docs/benchmarks/2026-11-27-idle-cost.md); an expired connection is never
        // reused meanwhile, the pool checks its expiry when it hands one out
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                .setKeepAliveTimeout(30).setPoolCleanerPeriod(POOL_CLEANER_PERIOD_MILLIS)
                .setTrustOptions(CheckedAddress.trust(trustStore))
                .setTracingPolicy(TracingPolicy.IGNORE));
        this.tokens = new AccessTokens(vertx, targets, settings.timeout());
    }

    @PreDestroy
    void close() {
        tokens.close();
        http.close();
    }

    public DeliveryAttempt send(WebhookEndpoint endpoint, String deliveryId, String eventType, String body) {
        return send(endpoint, deliveryId, eventType, body, null);
    }

    /** {@code trace}: the context of the request that caused the event (null when none), sent as the W3C headers. */
    public DeliveryAttempt send(WebhookEndpoint endpoint, String deliveryId, String eventType, String body, TraceContext trace) {
        EgressRule.Target target = targets.target(endpoint.url());
        if (!target.allowed()) {
            return DeliveryAttempt.noAnswer("not sent: " + target.refusal());
        }
        String authorization;
        try {
            authorization = authorization(endpoint.auth());
        } catch (AccessTokens.Unavailable noToken) {
            return DeliveryAttempt.noAnswer("not sent: " + noToken.getMessage());
        }
        CompletableFuture<Integer> status = new CompletableFuture<>();
        try {
            RequestOptions request = CheckedAddress.connectTo(request(endpoint, deliveryId, eventType, body, trace),
                    endpoint.url(), target.address());
            if (authorization != null) {
                request.putHeader("Authorization", authorization);
            }
            context.runOnContext(ignored -> exchange(request, Buffer.buffer(body)).onComplete(outcome -> {
                if (outcome.succeeded()) {
                    status.complete(outcome.result());
                } else {
                    status.completeExceptionally(outcome.cause());
                }
            }));
            int answer = status.get(outerLimit().toMillis(), TimeUnit.MILLISECONDS);
            if (answer == 401 && endpoint.auth() instanceof WebhookAuth.ClientCredentials grant) {
                tokens.refused(grant);
            }
            return DeliveryAttempt.answered(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryAttempt.noAnswer("interrupted");
        } catch (TimeoutException e) {
            return noAnswerInTime();
        } catch (ExecutionException e) {
            return failed(endpoint, e.getCause());
        } catch (IllegalArgumentException e) {
            return failed(endpoint, e);
        }
    }

    /** The Authorization header's value, or null for none; an OAuth2 token is fetched when none is held. */
    private String authorization(WebhookAuth auth) throws AccessTokens.Unavailable {
        return switch (auth) {
            case WebhookAuth.None none -> null;
            case WebhookAuth.Bearer bearer -> bearer.header();
            case WebhookAuth.Basic basic -> basic.header();
            case WebhookAuth.ClientCredentials grant -> "Bearer " + tokens.accessToken(grant);
        };
    }

    private RequestOptions request(WebhookEndpoint endpoint, String deliveryId, String eventType, String body, TraceContext trace) {
        long timeout = settings.timeout().toMillis();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST)
                .setAbsoluteURI(endpoint.url().toString())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout)
                .setIdleTimeout(timeout)
                .setHeaders(io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(endpoint.headers()))
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "kubezap-webhooks")
                .putHeader(EVENT_HEADER, eventType)
                .putHeader(SESSION_HEADER, session.get().name());
        WebhookSigner.headers(deliveryId, clock.instant(), body, endpoint.secret().orElse(null)).forEach(request::putHeader);
        if (trace != null) {
            request.putHeader(TraceContext.TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) {
                request.putHeader(TraceContext.TRACESTATE, trace.tracestate());
            }
        }
        return request;
    }

    /** Sends the request and reads the answer to its end (discarded); the status code once it is all in. */
    private Future<Integer> exchange(RequestOptions request, Buffer body) {
        try {
            return send(request, body);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Integer> send(RequestOptions request, Buffer body) {
        return http.request(request)
                .compose(outgoing -> outgoing.send(body))
                .compose(response -> response.handler(ignored -> { }).end().map(done -> response.statusCode()));
    }

    /** Connect and idle timeouts bound every exchange; this only keeps a worker from waiting forever if they do not fire. */
    private Duration outerLimit() {
        return settings.timeout().multipliedBy(3).plusSeconds(5);
    }

    private DeliveryAttempt noAnswerInTime() {
        return DeliveryAttempt.noAnswer("no answer within " + settings.timeout());
    }

    private DeliveryAttempt failed(WebhookEndpoint endpoint, Throwable cause) {
        if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
            return noAnswerInTime();
        }
        return DeliveryAttempt.noAnswer(cause.getClass().getSimpleName() + ": " + RedactedUrl.scrub(reason(cause), endpoint.url()));
    }

    /** Vert.x reports a failed TLS handshake as "Failed to create SSL connection"; its cause says why (e.g. an untrusted certificate). */
    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        String why = cause.getCause() == null ? null : cause.getCause().getMessage();
        return why == null || message == null || message.contains(why) ? message : message + ": " + why;
    }
}
