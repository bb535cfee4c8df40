package io.kubezap.session.webhook;

import io.kubezap.session.config.SessionSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.concurrent.Executors;

/** POSTs one signed delivery. Never throws: every outcome is a {@link DeliveryAttempt}. */
@Singleton
public class WebhookSender {

    public static final String EVENT_HEADER = "X-Kubezap-Event";
    public static final String SESSION_HEADER = "X-Kubezap-Session";

    private final HttpClient http;
    private final WebhookSettings settings;
    private final SessionSettings session;
    private final Clock clock;

    public WebhookSender(WebhookSettings settings, SessionSettings session) {
        this.settings = settings;
        this.session = session;
        this.clock = Clock.systemUTC();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public DeliveryAttempt send(WebhookEndpoint endpoint, String deliveryId, String eventType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "kubezap-webhooks")
                .header(EVENT_HEADER, eventType)
                .header(SESSION_HEADER, session.name())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        WebhookSigner.headers(deliveryId, clock.instant(), body, endpoint.secret().orElse(null)).forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return DeliveryAttempt.answered(response.statusCode());
        } catch (HttpTimeoutException e) {
            return DeliveryAttempt.noAnswer("no answer within " + settings.timeout());
        } catch (IOException e) {
            return DeliveryAttempt.noAnswer(e.getClass().getSimpleName() + ": " + RedactedUrl.scrub(e.getMessage(), endpoint.url()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryAttempt.noAnswer("interrupted");
        }
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
