package io.kubezap.session.webhook;

import io.kubezap.session.config.SessionSettings;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * POSTs one signed delivery. Never throws: every outcome is a {@link DeliveryAttempt}.
 * <p>
 * The JDK's {@code HttpURLConnection}: blocking on the caller's (virtual) thread, with the JDK's keep-alive
 * connection cache, it answered a loopback endpoint about 2.5 times as fast as {@code java.net.http.HttpClient},
 * whose every exchange hops between its selector thread and an executor (docs/benchmarks.md, webhooks). An
 * endpoint's deliveries go out one at a time, so that per-request cost is the dispatcher's throughput. The
 * response body is read to its end so the connection can be reused. No proxy: the JVM-wide proxy settings
 * route WhatsApp's traffic, never a user's endpoint (as before with {@code HttpClient}'s default).
 */
@Singleton
public class WebhookSender {

    public static final String EVENT_HEADER = "X-Kubezap-Event";
    public static final String SESSION_HEADER = "X-Kubezap-Session";

    private final WebhookSettings settings;
    private final SessionSettings session;
    private final Clock clock;

    public WebhookSender(WebhookSettings settings, SessionSettings session) {
        this.settings = settings;
        this.session = session;
        this.clock = Clock.systemUTC();
    }

    public DeliveryAttempt send(WebhookEndpoint endpoint, String deliveryId, String eventType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) endpoint.url().toURL().openConnection(Proxy.NO_PROXY);
            int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
            connection.setConnectTimeout(timeout);
            connection.setReadTimeout(timeout);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setDoOutput(true);
            connection.setRequestMethod("POST");
            connection.setFixedLengthStreamingMode(bytes.length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("User-Agent", "kubezap-webhooks");
            connection.setRequestProperty(EVENT_HEADER, eventType);
            connection.setRequestProperty(SESSION_HEADER, session.name());
            WebhookSigner.headers(deliveryId, clock.instant(), body, endpoint.secret().orElse(null))
                    .forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            int status = connection.getResponseCode();
            drain(connection, status);
            return DeliveryAttempt.answered(status);
        } catch (SocketTimeoutException e) {
            disconnect(connection);
            return DeliveryAttempt.noAnswer("no answer within " + settings.timeout());
        } catch (IOException | IllegalArgumentException e) {
            disconnect(connection);
            if (Thread.currentThread().isInterrupted()) {
                return DeliveryAttempt.noAnswer("interrupted");
            }
            return DeliveryAttempt.noAnswer(e.getClass().getSimpleName() + ": " + RedactedUrl.scrub(e.getMessage(), endpoint.url()));
        }
    }

    /** Reads what the endpoint answered to its end (discarded), which returns the connection to the keep-alive cache. */
    private static void drain(HttpURLConnection connection, int status) throws IOException {
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static void disconnect(HttpURLConnection connection) {
        if (connection != null) {
            connection.disconnect();
        }
    }
}
