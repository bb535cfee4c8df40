package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Links an unpaired device, by QR (every ref of the server's {@code pair-device} request, rotated)
 * or by pairing code. Runs on the engine thread only; {@code renewLogin} is called with a reason when
 * the login socket must be replaced for fresh refs.
 */
final class DevicePairing {

    private static final Logger LOG = Logger.getLogger(DevicePairing.class);

    private final Supplier<Whatsapp> client;
    private final QrRotator qrRotator;
    private final PairingCodeLinker codeLinker = new PairingCodeLinker();
    private final ScheduledExecutorService engineThread;
    private final Clock clock;
    private final Duration codeLifetime;
    private final Consumer<EngineEvent> events;
    private final BiConsumer<String, String> renewLogin;
    /** The phone to link by code on the next pairing request; kept across renewals when it is the configured method. */
    private String codePhone;
    private boolean codeIsPairingMethod;
    private CompletableFuture<EngineEvent.PairingCodeIssued> codeWaiter;
    private ScheduledFuture<?> codeExpiry;
    /** WhatsApp asked this socket for the account's passkey. */
    private volatile boolean passkeyWaiting;

    DevicePairing(Supplier<Whatsapp> client, QrSchedule qrSchedule, Duration codeLifetime,
                  ScheduledExecutorService engineThread, Clock clock, Consumer<EngineEvent> events,
                  BiConsumer<String, String> renewLogin) {
        this.client = client;
        this.engineThread = engineThread;
        this.clock = clock;
        this.codeLifetime = codeLifetime;
        this.events = events;
        this.renewLogin = renewLogin;
        this.qrRotator = new QrRotator(qrSchedule, clock, engineThread, events,
                () -> engineThread.execute(() -> renewLogin.accept("QrExpired", "all QR refs expired; fetching new ones")));
    }

    /** Links by code for this phone whenever the server asks to pair (KUBEZAP_PAIRING_METHOD=PairingCode). */
    void preferCode(Optional<String> phoneDigits) {
        phoneDigits.ifPresent(phone -> {
            codeIsPairingMethod = true;
            codePhone = phone;
        });
    }

    /** The server asks to pair over the current socket. */
    void onPairDevice(List<String> refs) {
        passkeyWaiting = false;
        forgetCode();
        if (codePhone != null) {
            requestCode();
        } else {
            showQrs(refs);
        }
    }

    /** Switches to code linking; the code completes {@code waiter} rather than being emitted. */
    void linkByCode(String phoneDigits, CompletableFuture<EngineEvent.PairingCodeIssued> waiter, boolean socketReady) {
        if (codeWaiter != null) {
            codeWaiter.completeExceptionally(new IllegalStateException("superseded by a newer pairing-code request"));
        }
        codeWaiter = waiter;
        codePhone = phoneDigits;
        if (socketReady) {
            requestCode();
        }
    }

    /** The phone's owner typed the code: it must not expire (and renew the socket) while linking finishes. */
    void onPrimaryHello(Node notification) {
        cancelCodeExpiry();
        try {
            codeLinker.finish(client.get(), notification).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.warnf("WhatsApp refused the pairing-code key bundle: %s", error.toString());
                }
            });
        } catch (RuntimeException malformed) {
            LOG.warnf("Cannot answer the phone's pairing-code hello: %s", malformed.toString());
        }
    }

    /**
     * The phone approved the link and WhatsApp asks for the account's passkey: the QR (or code) is spent, so it neither
     * rotates nor expires while the owner answers.
     */
    void onPasskeyRequest(Node notification) {
        qrRotator.stop();
        cancelCodeExpiry();
        passkeyWaiting = true;
        PasskeyPrologue.request(notification, clock.instant()).ifPresentOrElse(events,
                () -> LOG.warnf("WhatsApp asked for a passkey without readable request options: %s", notification));
    }

    CompletableFuture<Void> answerPasskey(String credentialId, String assertionJson) {
        if (!passkeyWaiting || client.get() == null) {
            return CompletableFuture.failedFuture(new io.kubezap.session.engine.PasskeyRefusedException(
                    io.kubezap.session.engine.PasskeyRefusedException.Cause.NOT_WAITING, "WhatsApp asks for no passkey on this connection"));
        }
        return PasskeyPrologue.answer(client.get(), credentialId, assertionJson, clock.instant(), events);
    }

    /** Paired, logged out or banned: nothing more to show. */
    void stop() {
        passkeyWaiting = false;
        qrRotator.stop();
        forgetCode();
        if (!codeIsPairingMethod) {
            codePhone = null;
        }
    }

    private void showQrs(List<String> refs) {
        var keys = client.get().keys();
        var payloads = refs.stream()
                .map(ref -> QrPayload.of(ref, keys.noiseKeyPair().publicKey(), keys.identityKeyPair().publicKey(),
                        keys.companionKeyPair().publicKey()))
                .toList();
        qrRotator.rotate(payloads);
    }

    private void requestCode() {
        qrRotator.stop();
        var phone = codePhone;
        codeLinker.begin(client.get(), phone)
                .whenComplete((code, error) -> engineThread.execute(() -> onCodeAnswer(phone, code, error)));
    }

    private void onCodeAnswer(String phone, LinkingCode code, Throwable error) {
        var waiter = codeWaiter;
        codeWaiter = null;
        if (!codeIsPairingMethod) {
            codePhone = null;
        }
        if (error != null) {
            LOG.warnf("WhatsApp refused the pairing-code request for %s: %s", phone, error.toString());
            if (waiter != null) {
                waiter.completeExceptionally(error);
            }
            return;
        }
        var issued = new EngineEvent.PairingCodeIssued(code.display(), clock.instant().plus(codeLifetime));
        expireCodeLater();
        if (waiter != null) {
            waiter.complete(issued);
        } else {
            events.accept(issued);
        }
    }

    private void expireCodeLater() {
        cancelCodeExpiry();
        codeExpiry = engineThread.schedule(() -> {
            codeLinker.reset();
            renewLogin.accept("PairingCodeExpired", "the pairing code expired");
        }, codeLifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A code lives on the socket that asked for it: on a new socket (or once paired) it is dead, and so is its expiry. */
    private void forgetCode() {
        codeLinker.reset();
        cancelCodeExpiry();
    }

    private void cancelCodeExpiry() {
        if (codeExpiry != null) {
            codeExpiry.cancel(false);
            codeExpiry = null;
        }
    }
}
