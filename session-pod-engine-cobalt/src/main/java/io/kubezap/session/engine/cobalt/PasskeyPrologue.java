package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.PasskeyRequestOptions;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.PasskeyRefusedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * WhatsApp's passkey step of linking, over Cobalt's node API (Cobalt 0.0.10 has none; the protocol as whatsmeow's
 * {@code pair-passkey.go}, PR #1186, speaks it): {@code <notification type="passkey_prologue_request">} carries WebAuthn
 * request options; the answer is a {@code <ref>} query, then {@code <passkey_prologue>} with the credential id, the
 * assertion JSON and the prologue payload. A late answer is refused; fresh options (a new challenge) are then asked for
 * with {@code <passkey_request_options>}.
 */
final class PasskeyPrologue {

    private static final Logger LOG = Logger.getLogger(PasskeyPrologue.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    private static final int REFUSED_WRONG = 401;
    private static final int REFUSED_LATE = 408;

    private PasskeyPrologue() {
    }

    /** true for WhatsApp's passkey request (from its server only: the request decides how linking goes on). */
    static boolean isRequest(Node node) {
        return node.description().equals("notification")
                && "passkey_prologue_request".equals(node.attributes().getString("type", ""))
                && ServerIqs.SERVER.equals(node.attributes().getString("from", ""));
    }

    /** The request's challenge; empty when the node carries no readable options. */
    static Optional<EngineEvent.PasskeyRequested> request(Node node, Instant now) {
        return node.findChild("passkey_request_options").flatMap(PasskeyPrologue::text).flatMap(options -> requested(options, now));
    }

    /**
     * Sends the assertion; completes when WhatsApp accepted it, fails with {@link PasskeyRefusedException}. After a late
     * answer, {@code renewed} gets the new challenge WhatsApp hands out.
     */
    static CompletableFuture<Void> answer(Whatsapp client, String credentialId, String assertionJson, Instant now,
                                          java.util.function.Consumer<? super EngineEvent.PasskeyRequested> renewed) {
        return client.sendNode(iq("get", Node.of("ref"))).thenApply(ServerIqs::refusedOrAnswer)
                .thenCompose(ref -> client.sendNode(iq("set", Node.of("passkey_prologue",
                        Node.of("credential_id", credentialId.getBytes(StandardCharsets.UTF_8)),
                        Node.of("webauthn_assertion", assertionJson.getBytes(StandardCharsets.UTF_8)),
                        Node.of("prologue_payload", commitment())))))
                .thenApply(ServerIqs::refusedOrAnswer)
                .<Void>thenApply(accepted -> null)
                .exceptionallyCompose(error -> refused(client, unwrap(error), now, renewed));
    }

    private static CompletableFuture<Void> refused(Whatsapp client, Throwable error, Instant now,
                                                   java.util.function.Consumer<? super EngineEvent.PasskeyRequested> renewed) {
        if (!(error instanceof ServerIqs.Refused refused)) {
            return CompletableFuture.failedFuture(error);
        }
        if (refused.code() == REFUSED_LATE) {
            return client.sendNode(iq("get", Node.of("passkey_request_options"))).thenApply(ServerIqs::refusedOrAnswer)
                    .thenApply(fresh -> {
                        request(fresh, now).ifPresent(renewed);
                        throw new PasskeyRefusedException(PasskeyRefusedException.Cause.EXPIRED,
                                "WhatsApp answered " + refused.code() + " " + refused.getMessage());
                    });
        }
        var cause = refused.code() == REFUSED_WRONG ? PasskeyRefusedException.Cause.WRONG : PasskeyRefusedException.Cause.NOT_WAITING;
        return CompletableFuture.failedFuture(new PasskeyRefusedException(cause, "WhatsApp answered " + refused.code() + " " + refused.getMessage()));
    }

    private static Optional<EngineEvent.PasskeyRequested> requested(String options, Instant now) {
        try {
            // one JSON object and nothing after it, passed on as written out again: it ends up in browser JavaScript
            JsonNode parsed = PasskeyRequestOptions.parse(options);
            var challenge = parsed.path("challenge").asText("");
            if (challenge.isEmpty()) {
                return Optional.empty();
            }
            var timeout = parsed.path("timeout").asLong(DEFAULT_TIMEOUT.toMillis());
            return Optional.of(new EngineEvent.PasskeyRequested(parsed.toString(), challenge, parsed.path("rpId").asText("whatsapp.com"),
                    now.plusMillis(timeout)));
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("Passkey request options refused: %s", malformed.getMessage());
            return Optional.empty();
        }
    }

    /** The prologue's commitment: a hash over a fresh nonce (the Shortcake key agreement that uses it is not modelled). */
    private static byte[] commitment() {
        var nonce = new byte[32];
        RANDOM.nextBytes(nonce);
        try {
            return MessageDigest.getInstance("SHA-256").digest(nonce);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Node iq(String type, Node body) {
        return Node.of("iq", Map.of("xmlns", "md", "type", type, "to", JidServer.whatsapp().toJid(), "id", ServerIqs.newId()), body);
    }

    private static Optional<String> text(Node node) {
        return node.contentAsBytes().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).or(node::contentAsString);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
