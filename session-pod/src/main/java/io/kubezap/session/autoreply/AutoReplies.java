package io.kubezap.session.autoreply;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.automation.autoreply.AutoReplySettings;
import io.kubezap.contract.filter.ChatSelector;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.outbound.SendIntake;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code spec.autoReply}: each incoming one-to-one message, once stored, may get one automatic reply — a normal outgoing
 * message through the outbox (pacing, retries), its idempotency key the incoming message's id, so that no message is
 * answered twice, not even across a restart. One message at a time in arrival order (a contact's second message sees
 * the greeting its first got); off the delivery's path, {@value #QUEUE_BOUND} waiting at most (more go unanswered,
 * counted by {@link AutoReplyDrops}). Settings that cannot be read keep the pod from starting, with what is wrong in its
 * log. A text no rule, greeting or away message answers goes to the {@link AiResponder} when {@code spec.autoReply.ai}
 * is set, its 'when' holds and none of its limits does (its caps of the day; a contact that writes back faster than a
 * person types, three times in a row).
 */
@Singleton
@Startup
public class AutoReplies {

    private static final Logger LOG = Logger.getLogger(AutoReplies.class);
    private static final ChatSelector DIRECT = ChatSelector.parse("direct");

    private final AutoReplySettings settings;
    private final AutoReplyHistory history;
    private final SendIntake outgoing;
    private final AiResponder responder;
    private final AutoReplyDrops drops;
    private final FastAnswers fastAnswers = new FastAnswers();
    /** One at a time, at most {@value #QUEUE_BOUND} waiting: a contact who floods the session cannot fill the heap. */
    private final ThreadPoolExecutor replier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_BOUND), Thread.ofVirtual().name("auto-reply").factory());

    static final int QUEUE_BOUND = 100;

    @Inject
    public AutoReplies(SessionConfig config, AutoReplyHistory history, SendIntake outgoing, AiResponder responder, AutoReplyDrops drops) {
        this(config.autoReply().map(AutoReplies::read).orElseGet(AutoReplySettings::none), history, outgoing, responder, drops);
    }

    AutoReplies(AutoReplySettings settings, AutoReplyHistory history, SendIntake outgoing, AiResponder responder, AutoReplyDrops drops) {
        this.settings = settings;
        this.history = history;
        this.outgoing = outgoing;
        this.responder = responder;
        this.drops = drops;
    }

    private static AutoReplySettings read(String json) {
        try {
            return AutoReplySettings.parse(json);
        } catch (IllegalArgumentException invalid) {
            throw new ConfigurationException("Invalid configuration: KUBEZAP_AUTO_REPLY (spec.autoReply): " + invalid.getMessage(), invalid);
        }
    }

    /** A message just stored: answered when a rule, the greeting or the away message applies. */
    public void arrived(Message stored) {
        if (settings.enabled() && wanted(stored)) {
            try {
                replier.execute(SessionThreads.named(() -> answer(stored)));
            } catch (RejectedExecutionException full) {
                if (!replier.isShutdown()) {
                    drops.dropped("queue-full", stored.chat(), stored.id());
                }
            }
        }
    }

    /** Messages waiting for the replier. */
    int waiting() {
        return replier.getQueue().size();
    }

    /** Messages the replier is done with. */
    long handled() {
        return replier.getCompletedTaskCount();
    }

    static boolean wanted(Message stored) {
        return stored.direction() == Direction.IN && !stored.envelope().history() && stored.chat() != null
                && DIRECT.matches(stored.chat()) && stored.text() != null;
    }

    private void answer(Message incoming) {
        try {
            String chat = incoming.chat();
            var at = Timestamps.now();
            int today = history.repliesSince(chat, settings.startOfDay(at));
            boolean first = history.firstContact(chat, incoming.id());
            settings.choose(incoming.text(), chat, incoming.envelope().pushName(), first, at, today).ifPresentOrElse(reply -> {
                outgoing.submit(SendCommand.text(chat, reply.text(), null, List.of()),
                        Optional.of(AutoReplyHistory.idempotencyKey(incoming.id())));
                LOG.debugf("Auto-reply '%s' to %s (message %s)", reply.rule(), chat, incoming.id());
            }, () -> settings.responderFor(incoming.text(), chat, incoming.envelope().pushName(), first, at)
                    .ifPresent(ai -> respond(incoming, ai, at)));
        } catch (RuntimeException notNow) {
            LOG.warnf("No auto-reply to message %s: %s", incoming.id(), notNow.getMessage());
        }
    }

    /** The AI responder answers unless one of its limits holds: its caps of the day, or a contact that is a program. */
    private void respond(Message incoming, AiResponderSettings ai, Instant at) {
        String chat = incoming.chat();
        Instant since = settings.startOfDay(at);
        boolean tooFast = AiResponderSettings.typedTooFast(history.lastSent(chat, AiResponderChats.KEY_PREFIX), incoming.createdAt(),
                incoming.text());
        ai.limit(history.repliesSince(Optional.of(chat), since, AiResponderChats.KEY_PREFIX),
                        history.repliesSince(Optional.empty(), since, AiResponderChats.KEY_PREFIX), fastAnswers.heard(chat, tooFast))
                .ifPresentOrElse(limit -> drops.dropped(limit.reason(), chat, incoming.id()), () -> responder.answer(incoming, ai));
    }

    /** The AI responder in {@code chat}: configured, switched on, paused. */
    public AiResponderState responderState(String chat) {
        return responder.state(chat, settings.ai());
    }

    /** Switches the AI responder on or off in {@code chat}. */
    public void switchResponder(String chat, boolean enabled) {
        responder.switchChat(chat, enabled);
    }

    @PreDestroy
    void stop() {
        replier.shutdownNow();
    }
}
