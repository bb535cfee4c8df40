package io.kubezap.session.outbound;

import io.kubezap.session.db.DatabaseFailures;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.WorkLoop;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.media.MediaNotSendableException;
import io.kubezap.session.media.OutgoingMediaFile;
import io.kubezap.session.media.OutgoingMediaFiles;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.metrics.SessionMetrics;
import io.kubezap.session.outbound.OutboundQueueRepository.Claim;
import io.kubezap.contract.PodPhase;
import io.kubezap.session.state.SessionStateChanged;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.enterprise.event.Observes;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.host.scope.SessionKeys;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One thread that drains the outbound queue while the session is connected: paced to
 * {@code KUBEZAP_SEND_RATE_PER_MINUTE}, retrying transient failures with exponential backoff and
 * failing a message with its reason after the last attempt.
 */
@PerSession
public class OutboundWorker {

    private static final Logger LOG = Logger.getLogger(OutboundWorker.class);
    /**
     * A safety net only: a new send wakes the worker (after its commit), as does the session's phase changing; a longer
     * look than the pool's idle timeout lets an idle session hold no database connection.
     */
    private static final Duration IDLE_POLL = Duration.ofMinutes(5);

    private final OutboundQueueRepository queue;
    private final OutboundQueue outcomes;
    private final MessageRepository messages;
    private final SessionStateMachine state;
    private final WhatsAppEngine engine;
    private final SessionMetrics metrics;
    private final SendPacer pacer;
    private final OutgoingMediaFiles mediaFiles;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Duration sendTimeout;
    /** spec.presence.typingBeforeSend: the typing shown before a message sent without its own delay. */
    private final SendCommand.Pacing typingBeforeSend;
    /** The longest typing a caller may ask for (POST /messages delayMs), and the session's default too. */
    private static final Duration TYPING_AT_MOST = Duration.ofSeconds(30);
    private final WorkLoop loop;
    /** The session whose queue this drains: its worker thread serves it. */
    private final String session;

    /** {@code sessions}: the session's own configuration (a host's entry, a pod's environment) paces and retries its sends. */
    public OutboundWorker(SessionSettings settings, HostedSessions sessions, OutboundQueueRepository queue,
                          OutboundQueue outcomes, MessageRepository messages, SessionStateMachine state,
                          WhatsAppEngine engine, SessionMetrics metrics, OutgoingMediaFiles mediaFiles) {
        this.queue = queue;
        this.mediaFiles = mediaFiles;
        this.outcomes = outcomes;
        this.messages = messages;
        this.state = state;
        this.engine = engine;
        this.metrics = metrics;
        this.session = settings.name();
        this.loop = new WorkLoop("kubezap-outbound", "Outbound queue", Duration.ofSeconds(1),
            DatabaseFailures::unavailable, () -> SessionKeys.runTurn(session, this::step));
        this.pacer = new SendPacer(settings.sendRatePerMinute());
        SessionConfig config = sessions.current().config();
        this.backoff = Backoff.withoutJitter(config.send().retryInitialDelay(), config.send().retryMaxDelay());
        this.maxAttempts = Math.max(1, config.send().maxAttempts());
        this.sendTimeout = config.send().timeout();
        int typingMs = (int) Math.min(config.presence().typingBeforeSend().toMillis(), TYPING_AT_MOST.toMillis());
        this.typingBeforeSend = typingMs > 0 ? new SendCommand.Pacing(typingMs, true) : SendCommand.Pacing.NONE;
    }

    /** Fails what a previous run left in flight, then starts draining. */
    public synchronized void start() {
        int resumed = outcomes.requeueInterrupted();
        if (resumed > 0) {
            LOG.infof("%d message(s) were being sent when the pod stopped; sending them again under the same WhatsApp id", resumed);
        }
        int interrupted = outcomes.failInterrupted();
        if (interrupted > 0) {
            LOG.warnf("%d message(s) were being sent when the pod stopped; marked failed, not re-sent", interrupted);
        }
        loop.start();
    }

    public synchronized void stop() throws InterruptedException {
        loop.stop();
    }

    public void wake() {
        loop.wake();
    }

    void onStateChanged(@Observes SessionStateChanged change) {
        if (change.phaseChanged() && change.after().phase() == PodPhase.LoggedOut) {
            outcomes.failQueued("the session was logged out before this message could be sent");
        }
        wake();
    }

    private void step() throws InterruptedException {
        if (state.current().phase() != PodPhase.Connected) {
            pause(IDLE_POLL);
            return;
        }
        Duration pace = pacer.waitBefore(Instant.now());
        if (!pace.isZero()) {
            Thread.sleep(pace);
            return;
        }
        Optional<Claim> claim = queue.claimNext(Instant.now());
        if (claim.isPresent()) {
            send(claim.get());
        } else {
            pause(untilNextDue());
        }
    }

    private void send(Claim claim) throws InterruptedException {
        Optional<Message> message = messages.find(claim.messageId());
        if (message.isEmpty()) {
            return; // history wiped meanwhile; the queue row went with it
        }
        Message m = message.get();
        Prepared prepared;
        try {
            prepared = prepare(m);
        } catch (MediaNotSendableException notSendable) {
            outcomes.failed(m.id(), notSendable.getMessage());
            return;
        }
        try (prepared) {
            sendPrepared(claim, m, prepared.message());
        }
    }

    private void sendPrepared(Claim claim, Message m, OutgoingMessage outgoing) throws InterruptedException {
        Instant started = Instant.now();
        pacer.sending(started);
        typeFirst(m, claim.pacing());
        try {
            SentMessage sent = callEngine(outgoing, claim.waMessageId()).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.sendTook(Duration.between(started, Instant.now()));
            record(m, sent);
        } catch (ExecutionException e) {
            attemptFailed(claim, unwrap(e.getCause()));
        } catch (TimeoutException e) {
            // WhatsApp may have it: sent again under the same WhatsApp id, it still reaches the recipient once
            attemptFailed(claim, new SendFailedException("WhatsApp did not confirm the send within "
                    + sendTimeout.toSeconds() + " s", true, e));
        }
    }

    /**
     * Sending like a person: the chat sees the account typing (recording, for a voice note) for the delay, then the
     * message. The delay counts towards the pace (it started when typing did), and a kill meanwhile leaves the row in
     * flight with its WhatsApp id, so the send is made again after the restart, once.
     */
    private void typeFirst(Message m, SendCommand.Pacing own) throws InterruptedException {
        SendCommand.Pacing pacing = own.delayMs() > 0 ? own : typingBeforeSend;
        if (pacing.delayMs() <= 0) {
            return;
        }
        boolean voice = m.content() instanceof MessageContent.Media media && media.kind() == MediaKind.VOICE;
        if (pacing.typing()) {
            showChatState(m.chat(), voice ? EngineEvent.PresenceState.RECORDING : EngineEvent.PresenceState.COMPOSING);
        }
        Thread.sleep(pacing.delayMs());
        if (pacing.typing()) {
            showChatState(m.chat(), EngineEvent.PresenceState.PAUSED);
        }
    }

    /** A chat state is cosmetic: when it cannot be shown, the message still goes. */
    private void showChatState(String chat, EngineEvent.PresenceState state) {
        try {
            engine.sendChatState(chat, state).toCompletableFuture().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException notShown) {
            LOG.debugf("Chat state %s not shown in %s: %s", state, chat, notShown);
        }
    }

    /** WhatsApp has the message: if recording that fails, the message says so instead of staying in flight. */
    private void record(Message m, SentMessage sent) {
        try {
            outcomes.sent(m.id(), sent);
        } catch (RuntimeException bookkeeping) {
            LOG.errorf(bookkeeping, "Message %s was sent as %s but could not be recorded", m.id(), sent.messageId());
            outcomes.failed(m.id(), "WhatsApp accepted this message as " + sent.messageId()
                    + ", but recording that failed (" + bookkeeping.getClass().getSimpleName() + "); not re-sent");
        }
    }

    /** What the engine is given, and the media files it reads (a local copy of an S3 object goes once sent). */
    private record Prepared(OutgoingMessage message, List<OutgoingMediaFile> files) implements AutoCloseable {
        @Override
        public void close() {
            files.forEach(OutgoingMediaFile::close);
        }
    }

    private Prepared prepare(Message m) throws MediaNotSendableException {
        return switch (m.content()) {
            case MessageContent.Text text ->
                    new Prepared(new OutgoingText(m.chat(), text.text(), m.quotedMessageId(), m.mentions(), m.traits()), List.of());
            case MessageContent.Media media -> prepareMedia(m, media.kind());
            case MessageContent.Carousel carousel -> prepareCarousel(m, carousel);
            case MessageContent.Structured structured -> new Prepared(
                    new OutgoingContent(m.chat(), structured, m.quotedMessageId(), m.mentions(), m.traits()), List.of());
            case MessageContent.Other other -> throw new MediaNotSendableException("a " + other.type() + " cannot be sent");
        };
    }

    private Prepared prepareMedia(Message m, MediaKind kind) throws MediaNotSendableException {
        OutgoingMediaFile file = mediaFiles.prepare(m, kind);
        return new Prepared(new OutgoingMedia(m.chat(), kind, file.path(), file.media().mimeType(), file.media().fileName(),
                file.media().caption(), m.quotedMessageId(), m.mentions(), m.traits(), file.media().facts(), file.standard()), List.of(file));
    }

    /** A carousel's card images are uploaded with it: the engine reads each from its local file. */
    private Prepared prepareCarousel(Message m, MessageContent.Carousel carousel) throws MediaNotSendableException {
        List<OutgoingMediaFile> images = mediaFiles.cardImages(carousel);
        var located = carousel.withImageFiles(images.stream().map(image -> image.path().toAbsolutePath().toString()).toList());
        return new Prepared(new OutgoingContent(m.chat(), located, m.quotedMessageId(), m.mentions(), m.traits()), images);
    }

    private CompletableFuture<SentMessage> callEngine(OutgoingMessage outgoing, String waMessageId) {
        try {
            return engine.send(outgoing, waMessageId).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void attemptFailed(Claim claim, Throwable cause) {
        boolean retryable = cause instanceof SendFailedException failure && failure.retryable();
        String reason = cause instanceof SendFailedException ? cause.getMessage() : "engine error: " + cause;
        if (retryable && claim.attempt() < maxAttempts) {
            Instant next = Instant.now().plus(backoff.delay(claim.attempt() - 1));
            LOG.infof("Send of %s failed (attempt %d of %d): %s; retrying at %s",
                    claim.messageId(), claim.attempt(), maxAttempts, reason, next);
            outcomes.retryLater(claim.messageId(), next, reason);
        } else {
            String suffix = retryable ? " (gave up after " + claim.attempt() + " attempts)" : "";
            LOG.warnf("Send of %s failed: %s%s", claim.messageId(), reason, suffix);
            outcomes.failed(claim.messageId(), reason + suffix);
        }
    }

    private Duration untilNextDue() {
        return queue.nextDue()
                .map(due -> Duration.between(Instant.now(), due))
                .filter(wait -> wait.compareTo(IDLE_POLL) < 0)
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait)
                .orElse(IDLE_POLL);
    }

    private void pause(Duration duration) throws InterruptedException {
        loop.pause(duration);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
