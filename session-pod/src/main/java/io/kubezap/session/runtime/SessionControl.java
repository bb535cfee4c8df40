package io.kubezap.session.runtime;

import io.kubezap.contract.Account;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.contract.SessionState;
import io.kubezap.contract.PodPhase;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.host.scope.PerSession;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The commands of the REST API that act on the connection: pairing code, restart, logout. */
@PerSession
public class SessionControl {

    private static final Duration ENGINE_ANSWER = Duration.ofSeconds(30);

    private final WhatsAppEngine engine;
    private final SessionStateMachine state;
    private final EngineEventRouter router;

    public SessionControl(WhatsAppEngine engine, SessionStateMachine state, EngineEventRouter router) {
        this.engine = engine;
        this.state = state;
        this.router = router;
    }

    public ExpiringCode requestPairingCode(String phoneDigits) {
        if (state.current().phase() == PodPhase.Connected || engine.isPaired()) {
            throw Failure.conflict("session-already-paired", "Session already paired",
                    "The session is already linked to " + accountName() + "; log out first to link another phone");
        }
        EngineEvent.PairingCodeIssued issued = await(engine.requestPairingCode(phoneDigits), "issue a pairing code");
        router.accept(issued);
        return new ExpiringCode(issued.code(), issued.expiresAt());
    }

    public void restart() {
        engine.restart();
    }

    /** Unlinks the device; a session that is not paired has nothing to unlink and is left as it is. */
    public void logout() {
        if (engine.isPaired() || state.current().paired()) {
            await(engine.logout(), "log out");
            if (state.current().paired()) {
                // the engine has not reported it (yet): the unlink is done, so the state must say so
                router.accept(new EngineEvent.LoggedOut("LoggedOut", "logged out through the API"));
            }
        }
    }

    private String accountName() {
        Account account = state.current().account();
        return account == null ? "an account" : account.phoneNumber();
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(ENGINE_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedByEngine byEngine) {
                throw EngineCalls.unsupported(byEngine);
            }
            if (e.getCause() instanceof UnsupportedOperationException unsupported) {
                throw new Failure(Failure.Kind.NOT_SUPPORTED, "not-supported", "Not supported", unsupported.getMessage());
            }
            throw engineFailed(what, e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw engineFailed(what, "no answer within " + ENGINE_ANSWER.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw engineFailed(what, "interrupted");
        }
    }

    private static Failure engineFailed(String what, String why) {
        return new Failure(Failure.Kind.WHATSAPP_FAILED, "engine-failed", "WhatsApp engine failed", "Could not " + what + ": " + why);
    }
}
