package io.kubezap.session.receipt;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.contract.AutoMarkRead;
import io.kubezap.contract.filter.ChatSelector;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.message.ChatReads;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.concurrent.Executors;

/**
 * {@code spec.readReceipts.autoMarkRead}: each incoming message of the chats it names (every one-to-one chat and group,
 * or one-to-one chats only) marks its chat read once it is stored — read receipts to WhatsApp, the unread count reset —
 * as {@code POST /chats/{jid}/read} would. Off the delivery's path (its acknowledgement waits for nothing of this), one
 * chat at a time in arrival order; one that fails (WhatsApp away) is left unread, to be read with the next message.
 */
@Singleton
public class AutoMarkReads {

    private static final Logger LOG = Logger.getLogger(AutoMarkReads.class);
    private static final ChatSelector DIRECT = ChatSelector.parse("direct");
    private static final ChatSelector GROUPS = ChatSelector.parse("groups");

    /** The setting of the session the calling code names: on a host, each message's own session's. */
    private final Supplier<AutoMarkRead> mode;
    private final ChatReads reads;
    private final ExecutorService marker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("auto-mark-read").factory());

    @jakarta.inject.Inject
    public AutoMarkReads(HostedSessions sessions, ChatReads reads) {
        this(() -> sessions.current().config().readReceipts().autoMarkRead(), reads);
    }

    AutoMarkReads(AutoMarkRead mode, ChatReads reads) {
        this(() -> mode, reads);
    }

    private AutoMarkReads(Supplier<AutoMarkRead> mode, ChatReads reads) {
        this.mode = mode;
        this.reads = reads;
    }

    /** A message just stored: its chat is marked read when the setting names it. */
    public void arrived(Message stored) {
        if (wanted(stored)) {
            marker.execute(SessionThreads.named(() -> markRead(stored.chat())));
        }
    }

    boolean wanted(Message stored) {
        if (stored.direction() != Direction.IN || stored.envelope().history() || stored.chat() == null) {
            return false;
        }
        return switch (mode.get()) {
            case Never -> false;
            case Direct -> DIRECT.matches(stored.chat());
            case All -> DIRECT.matches(stored.chat()) || GROUPS.matches(stored.chat());
        };
    }

    private void markRead(String chat) {
        try {
            reads.markRead(chat);
        } catch (RuntimeException notNow) {
            LOG.debugf("Chat %s not marked read as its message arrived: %s", chat, notNow.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        marker.shutdownNow();
    }
}
