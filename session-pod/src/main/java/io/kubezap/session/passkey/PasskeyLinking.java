package io.kubezap.session.passkey;

import io.kubezap.contract.PodPhase;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.PasskeyRefusedException;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers WhatsApp's passkey request with the assertion the account's owner made in a browser: only while the session
 * waits for it; WhatsApp's refusal becomes a failure that says what to do next (the link keeps waiting, so the owner
 * may answer again without a new QR).
 */
@Singleton
public class PasskeyLinking {

    private static final Duration ENGINE_ANSWER = Duration.ofSeconds(30);

    private final WhatsAppEngine engine;
    private final SessionStateMachine state;

    public PasskeyLinking(WhatsAppEngine engine, SessionStateMachine state) {
        this.engine = engine;
        this.state = state;
    }

    public void answer(String credentialId, String assertionJson) {
        if (state.current().phase() != PodPhase.WaitingForPasskey || state.current().passkey() == null) {
            throw Failure.conflict("passkey-not-requested", "No passkey requested",
                    "WhatsApp asks for no passkey now (phase " + state.current().phase()
                            + "); it asks after the phone approves a link to a passkey-protected account");
        }
        try {
            engine.sendPasskeyAssertion(credentialId, assertionJson).toCompletableFuture().get(ENGINE_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new Failure(Failure.Kind.WHATSAPP_TIMEOUT, "engine-timeout", "WhatsApp did not answer",
                    "WhatsApp did not answer the passkey assertion within " + ENGINE_ANSWER.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.UNAVAILABLE, "interrupted", "Interrupted", "interrupted while sending the assertion");
        }
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof PasskeyRefusedException refused) {
            return switch (refused.refusal()) {
                case WRONG -> new Failure(Failure.Kind.UNPROCESSABLE, "passkey-assertion-refused", "Passkey assertion refused",
                        "WhatsApp refused the assertion (" + refused.getMessage() + "): it must be made with this account's passkey, "
                                + "in a tab on https://web.whatsapp.com, for the current challenge. The link still waits: answer again");
                case EXPIRED -> new Failure(Failure.Kind.GONE, "passkey-challenge-expired", "Passkey challenge expired",
                        "The challenge expired before WhatsApp got the assertion (" + refused.getMessage()
                                + "); a new challenge follows in the session's passkey: answer that one");
                case NOT_WAITING -> Failure.conflict("passkey-not-requested", "No passkey requested", refused.getMessage());
            };
        }
        if (cause instanceof UnsupportedByEngine byEngine) {
            return EngineCalls.unsupported(byEngine);
        }
        return new Failure(Failure.Kind.WHATSAPP_FAILED, "engine-failed", "WhatsApp engine failed",
                "Could not send the passkey assertion: " + cause.getMessage());
    }
}
