package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.GroupPostRefusal;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How WhatsApp took a message to a group: a member who is not an admin is refused in a group where only admins send
 * ({@code <ack class="message" error=…>}), which Cobalt 0.0.10 drops; the group's metadata, asked then, tells whether
 * that was the cause. A refused message fails and is not retried.
 */
final class GroupPostRefusals {

    private GroupPostRefusals() {
    }

    /** {@code sent} once its ack {@code error} is empty; else the refusal, named by the group's settings now. */
    static CompletableFuture<ChatMessageInfo> accepted(Whatsapp client, Jid group, ChatMessageInfo sent,
                                                       CompletableFuture<Optional<String>> error) {
        return error.thenCompose(refused -> refused.isEmpty() ? CompletableFuture.completedFuture(sent)
                : onlyAdminsSend(client, group).<ChatMessageInfo>handle((adminsOnly, unknown) -> {
                    throw GroupPostRefusal.of(Boolean.TRUE.equals(adminsOnly) ? GroupPostRefusal.ADMINS_ONLY : "error-" + refused.get());
                }));
    }

    private static CompletableFuture<Boolean> onlyAdminsSend(Whatsapp client, Jid group) {
        return ServerIqs.query(client, group.toString(), "w:g2", "get", Map.of(), Node.of("query", Map.of("request", "interactive")))
                .thenApply(answer -> answer.findChild("group").flatMap(found -> found.findChild("announcement")).isPresent())
                .toCompletableFuture();
    }
}
