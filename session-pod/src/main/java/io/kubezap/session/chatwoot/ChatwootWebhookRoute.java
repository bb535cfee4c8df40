package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.config.ChatwootSettings;
import io.kubezap.session.host.HostedSessions;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /api/v1/sessions/{session}/chatwoot/webhook/{token}}: Chatwoot's webhook of the session's inbox. Chatwoot
 * sends no API key, so this is a Vert.x route outside the key-checked JAX-RS API, registered only when
 * {@code spec.chatwoot} is set; the secret token in the path (made by the connector, held in the session's rows, set by
 * it as the inbox's webhook URL) is what admits a call; with {@code spec.chatwoot.webhookSecretRef}, Chatwoot's
 * signature of the call ({@link ChatwootSignature}) must be valid too (401 if not).
 */
@ApplicationScoped
public class ChatwootWebhookRoute {

    static final String PATH = SessionApi.SESSION.replace("{session}", ":session") + ChatwootLauncher.WEBHOOK + "/:token";
    private static final int MAX_BODY = 1024 * 1024;

    private final Instance<ChatwootSettings> settings;
    private final Instance<HostedSessions> sessions;
    private final Instance<ChatwootLauncher> launcher;
    private final ObjectMapper json;
    private volatile Optional<ChatwootSignature> signature = Optional.empty();

    ChatwootWebhookRoute(Instance<ChatwootSettings> settings, Instance<HostedSessions> sessions, Instance<ChatwootLauncher> launcher,
                         ObjectMapper json) {
        this.settings = settings;
        this.sessions = sessions;
        this.launcher = launcher;
        this.json = json;
    }

    void route(@Observes Router router) {
        if (settings.get().enabled()) {
            signature = settings.get().webhookSecret().filter(secret -> !secret.isBlank()).map(ChatwootSignature::new);
            router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY)).handler(this::receive);
        }
    }

    private void receive(RoutingContext context) {
        // the pod's own session's: a host's sessions have no Chatwoot connector yet
        if (sessions.get().primary().filter(own -> own.name().equals(context.pathParam("session"))).isEmpty()) {
            context.response().setStatusCode(404).end();
            return;
        }
        Optional<ChatwootReplies> replies = launcher.get().replies();
        if (replies.isEmpty()) {
            context.response().setStatusCode(503).putHeader("Retry-After", "5").end();
            return;
        }
        if (!replies.get().acceptsToken(context.pathParam("token"))) {
            context.response().setStatusCode(404).end();
            return;
        }
        Buffer body = context.body().buffer();
        if (body == null) {
            context.response().setStatusCode(400).end();
            return;
        }
        if (signature.isPresent() && !signature.get().valid(context.request().getHeader(ChatwootSignature.TIMESTAMP_HEADER),
                context.request().getHeader(ChatwootSignature.SIGNATURE_HEADER), body.getBytes(), Instant.now())) {
            context.response().setStatusCode(401).end();
            return;
        }
        context.vertx().executeBlocking(() -> replies.get().handle(parse(body)), false)
                .onSuccess(answer -> context.response().setStatusCode(answer.status())
                        .putHeader("Content-Type", "application/json").end(answer.body()))
                .onFailure(failed -> context.response().setStatusCode(failed instanceof IllegalArgumentException ? 400 : 503).end());
    }

    private JsonNode parse(Buffer body) {
        try {
            return json.readTree(body.getBytes());
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("not JSON", unreadable);
        }
    }
}
