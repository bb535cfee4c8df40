package io.kubezap.session.autoreply;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code spec.autoReply}: each incoming one-to-one message, once stored, may get one automatic reply — a normal outgoing
 * message through the outbox (pacing, retries), its idempotency key the incoming message's id, so that no message is
 * answered twice, not even across a restart. One message at a time in arrival order (a contact's second message sees
 * the greeting its first got); off the delivery's path. Settings that cannot be read keep the pod from starting, with
 * what is wrong in its log. A text no rule, greeting or away message answers goes to the {@link AiResponder} when
 * {@code spec.autoReply.ai} is set and its 'when' holds.
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
    private final ExecutorService replier = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("auto-reply").factory());

    @Inject
    public AutoReplies(SessionConfig config, AutoReplyHistory history, SendIntake outgoing, AiResponder responder) {
        this(config.autoReply().map(AutoReplies::read).orElseGet(AutoReplySettings::none), history, outgoing, responder);
    }

    AutoReplies(AutoReplySettings settings, AutoReplyHistory history, SendIntake outgoing, AiResponder responder) {
        this.settings = settings;
        this.history = history;
        this.outgoing = outgoing;
        this.responder = responder;
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
            replier.execute(() -> answer(stored));
        }
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
                    .ifPresent(ai -> responder.answer(incoming, ai)));
        } catch (RuntimeException notNow) {
            LOG.warnf("No auto-reply to message %s: %s", incoming.id(), notNow.getMessage());
        }
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
