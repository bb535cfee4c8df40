package io.kubezap.session.autoreply;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.session.config.AdminEgressLists;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.airesponder.ChatCompletions;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.egress.CheckedHttp;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.outbound.SendIntake;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.autoReply.ai}: answers one incoming text through the chat-completions endpoint — the system prompt, the
 * chat's remembered turns and the text — and sends the answer as a normal outgoing message (the outbox: pacing,
 * typing, the session's restrictions), its idempotency key the incoming message's id. Silent in a chat the API switched
 * it off in, and for {@code pauseAfterHuman} after a person answered the chat; an endpoint that fails or is late sends
 * nothing (logged).
 */
@Singleton
public class AiResponder {

    private static final Logger LOG = Logger.getLogger(AiResponder.class);

    private final AiResponderChats chats;
    private final AiMemory memory;
    private final SendIntake outgoing;
    private final Optional<String> apiKey;
    private final Instance<AdminEgressLists> admin;
    private final ObjectMapper json;
    private final Vertx vertx;
    private ChatCompletions completions;
    private CheckedHttp http;

    @Inject
    public AiResponder(AiResponderChats chats, AiMemory memory, SendIntake outgoing, SessionConfig config,
                       Instance<AdminEgressLists> admin, ObjectMapper json, Vertx vertx) {
        this.chats = chats;
        this.memory = memory;
        this.outgoing = outgoing;
        this.apiKey = config.autoReplyAiApiKey();
        this.admin = admin;
        this.json = json;
        this.vertx = vertx;
    }

    /** With its endpoint's client made already. */
    AiResponder(AiResponderChats chats, AiMemory memory, SendIntake outgoing, Optional<String> apiKey, ChatCompletions completions) {
        this.chats = chats;
        this.memory = memory;
        this.outgoing = outgoing;
        this.apiKey = apiKey;
        this.vertx = null;
        this.admin = null;
        this.json = null;
        this.completions = completions;
    }

    /** Answers {@code incoming}, a one-to-one text whose chat the responder speaks in by the settings. */
    public void answer(Message incoming, AiResponderSettings settings) {
        String chat = incoming.chat();
        if (!chats.switchedOn(chat).orElse(true)) {
            LOG.debugf("AI responder off in %s: message %s not answered", chat, incoming.id());
            return;
        }
        Instant now = Timestamps.now();
        Optional<Instant> human = chats.lastHumanAnswer(chat);
        if (human.isPresent() && now.isBefore(human.get().plus(settings.pauseAfterHuman()))) {
            LOG.debugf("AI responder paused in %s until %s (a person answered): message %s not answered", chat,
                    human.get().plus(settings.pauseAfterHuman()), incoming.id());
            return;
        }
        if (chats.answered(incoming.id())) {
            return;
        }
        try {
            String reply = completions().complete(settings, apiKey, conversation(incoming, settings));
            outgoing.submit(SendCommand.text(chat, reply, null, List.of()),
                    Optional.of(AiResponderChats.idempotencyKey(incoming.id())));
            memory.remember(chat, incoming.text(), reply, settings.memoryMessages());
        } catch (ChatCompletions.Failed failed) {
            LOG.warnf("AI responder: no answer to message %s: %s", incoming.id(), failed.getMessage());
        }
    }

    /** The chat's switch and pause, as the API shows them; {@code settings} empty: the session has no responder. */
    public AiResponderState state(String chat, Optional<AiResponderSettings> settings) {
        Instant now = Timestamps.now();
        Instant pausedUntil = settings.flatMap(ai -> chats.lastHumanAnswer(chat).map(at -> at.plus(ai.pauseAfterHuman())))
                .filter(now::isBefore).orElse(null);
        return new AiResponderState(chat, settings.isPresent(), chats.switchedOn(chat).orElse(true), pausedUntil);
    }

    /** Switches the responder on or off in one chat. */
    public void switchChat(String chat, boolean enabled) {
        chats.set(chat, enabled);
    }

    private List<ChatCompletions.Turn> conversation(Message incoming, AiResponderSettings settings) {
        List<ChatCompletions.Turn> turns = new ArrayList<>();
        settings.systemPrompt().ifPresent(prompt -> turns.add(new ChatCompletions.Turn("system", prompt)));
        turns.addAll(memory.recall(incoming.chat(), settings.memoryMessages()));
        turns.add(new ChatCompletions.Turn("user", incoming.text()));
        return turns;
    }

    @PreDestroy
    synchronized void close() {
        if (http != null) {
            http.close();
        }
    }

    /** Made on first use: a session without the responder never reads the egress lists for it. */
    private synchronized ChatCompletions completions() {
        if (completions == null) {
            http = new CheckedHttp(vertx, EgressRule.ofAdmin(admin.get()), ChatCompletions.MAX_ANSWER);
            completions = new ChatCompletions(http, json);
        }
        return completions;
    }
}
