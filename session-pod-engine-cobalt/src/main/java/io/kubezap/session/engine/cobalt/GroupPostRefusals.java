package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupPostRefusal;
import it.auties.whatsapp.model.info.ChatMessageInfo;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * How WhatsApp took a message to a group: a member who is not an admin is refused in a group where only admins send
 * ({@code <ack class="message" error=…>}), which Cobalt 0.0.10 drops; the group's metadata, asked then, tells whether
 * that was the cause. A refused message fails and is not retried.
 */
final class GroupPostRefusals {

    private GroupPostRefusals() {
    }

    /**
     * {@code sent} once its ack {@code error} is empty; else the refusal, named by the group's settings now
     * ({@code metadata}, asked only for a refused post).
     */
    static CompletableFuture<ChatMessageInfo> accepted(Supplier<CompletionStage<GroupInfo>> metadata, ChatMessageInfo sent,
                                                       CompletableFuture<Optional<String>> error) {
        return error.thenCompose(refused -> refused.isEmpty() ? CompletableFuture.completedFuture(sent)
                : metadata.get().<ChatMessageInfo>handle((group, unknown) -> {
                    throw GroupPostRefusal.of(group != null && group.announce() ? GroupPostRefusal.ADMINS_ONLY : "error-" + refused.get());
                }).toCompletableFuture());
    }
}
