package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.crypto.Hmac;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.sync.MutationKeys;
import it.auties.whatsapp.model.action.Action;
import it.auties.whatsapp.model.action.ArchiveChatAction;
import it.auties.whatsapp.model.action.ArchiveChatActionBuilder;
import it.auties.whatsapp.model.action.ClearChatAction;
import it.auties.whatsapp.model.action.ClearChatActionBuilder;
import it.auties.whatsapp.model.action.DeleteChatAction;
import it.auties.whatsapp.model.action.DeleteChatActionBuilder;
import it.auties.whatsapp.model.action.LabelAssociationAction;
import it.auties.whatsapp.model.action.LabelAssociationActionBuilder;
import it.auties.whatsapp.model.action.LabelEditAction;
import it.auties.whatsapp.model.action.LabelEditActionBuilder;
import it.auties.whatsapp.model.action.MarkChatAsReadAction;
import it.auties.whatsapp.model.action.MarkChatAsReadActionBuilder;
import it.auties.whatsapp.model.action.MuteAction;
import it.auties.whatsapp.model.action.MuteActionBuilder;
import it.auties.whatsapp.model.action.PinAction;
import it.auties.whatsapp.model.action.PinActionBuilder;
import it.auties.whatsapp.model.action.StarAction;
import it.auties.whatsapp.model.action.StarActionBuilder;
import it.auties.whatsapp.model.setting.PushNameSettingsBuilder;
import it.auties.whatsapp.model.sync.ActionMessageRangeSyncBuilder;
import it.auties.whatsapp.model.sync.ActionValueSync;
import it.auties.whatsapp.model.sync.PatchRequest;
import it.auties.whatsapp.model.sync.PatchType;
import it.auties.whatsapp.model.sync.RecordSync;
import it.auties.whatsapp.socket.SocketHandler;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * App-state patches both ways, as WhatsApp's clients write them (chats' states, labels, the account's push name). Cobalt 0.0.10's own chat methods put some patches
 * in the wrong collection (mark read in {@code regular_high}), its label association always uses the
 * {@code label_message} index, it has no label methods at all, and its star needs a message from its own store; so
 * the adapter builds each patch's index and collection itself (whatsmeow's appstate package is the public description)
 * and pushes it through Cobalt's {@code SocketHandler.pushPatch}, which encrypts it, computes its MACs and LT hash and
 * keeps the collection's version. Reading takes the mutations from {@link AppStateMutations} (operation and whole
 * index), not from Cobalt's {@code onAction}, which reports a {@code REMOVE} as a {@code SET} and cuts every index to
 * {@code [type, chat, message, fromMe]}.
 */
final class AppStatePatches {

    private static final VarHandle SOCKET_HANDLER = socketHandlerField();

    /** Sends the change to WhatsApp; the stage fails with {@link SendFailedException} when not connected. */
    CompletionStage<Void> push(Whatsapp client, String chatJid, ChatChange change) {
        return push(client, request(chatJid, change));
    }

    CompletionStage<Void> push(Whatsapp client, LabelChange label) {
        var edit = new LabelEditActionBuilder().id(Integer.parseInt(label.id())).name(label.name()).color(label.color())
                .deleted(label.deleted()).build();
        return push(client, patch(PatchType.REGULAR, edit, "label_edit", label.id()));
    }

    /** The account's push name, where the phone keeps its own profile name ({@code setting_pushName} in {@code critical_block}). */
    CompletionStage<Void> pushName(Whatsapp client, String name) {
        var setting = new PushNameSettingsBuilder().name(name).build();
        return push(client, patch(PatchType.CRITICAL_BLOCK, ActionValueSync.of(setting), "setting_pushName"));
    }

    /**
     * Cobalt reports a refused push only to its error handler and completes the push anyway; a push WhatsApp took is
     * seen in Cobalt's copy of the collection, whose LT hash entry for the patch's index then holds a new value MAC
     * (each patch's value is encrypted with a fresh IV, so its MAC differs from any earlier one).
     */
    private static CompletionStage<Void> push(Whatsapp client, PatchRequest request) {
        if (client == null || !client.isConnected() || client.store().jid().isEmpty()) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected to WhatsApp", true, null));
        }
        var account = client.store().jid().get();
        var entry = request.entries().getFirst();
        if (client.keys().getAppKeys(account).isEmpty()) {
            return CompletableFuture.failedFuture(new SendFailedException(
                    "the phone has not shared its app-state key with this device yet", true, null));
        }
        var indexKey = Arrays.hashCode(Hmac.calculateSha256(entry.index().getBytes(StandardCharsets.UTF_8),
                MutationKeys.of(client.keys().getLatestAppKey(account).keyData().keyData()).indexKey()));
        var before = valueMac(client, account, request.type(), indexKey);
        return ((SocketHandler) SOCKET_HANDLER.get(client)).pushPatch(request).thenCompose(ignored -> {
            var after = valueMac(client, account, request.type(), indexKey);
            return after != null && !Arrays.equals(after, before) ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.failedFuture(new SendFailedException("WhatsApp refused the app-state patch to "
                    + request.type() + " " + entry.index(), false, null));
        });
    }

    private static byte[] valueMac(Whatsapp client, Jid account, PatchType collection, int indexKey) {
        return client.keys().findHashStateByName(account, collection).map(state -> state.indexValueMap().get(indexKey))
                .orElse(null);
    }

    private static PatchRequest request(String chatJid, ChatChange change) {
        return switch (change) {
            case ChatChange.Archive archive -> patch(PatchType.REGULAR_LOW, new ArchiveChatActionBuilder()
                    .archived(archive.archived()).messageRange(emptyRange()).build(), "archive", chatJid);
            case ChatChange.Pin pin -> patch(PatchType.REGULAR_LOW, new PinActionBuilder().pinned(pin.pinned()).build(),
                    "pin_v1", chatJid);
            case ChatChange.Mute mute -> patch(PatchType.REGULAR_HIGH, new MuteActionBuilder().muted(mute.until() != null)
                    .muteEndTimestampSeconds(muteEnd(mute.until())).autoMuted(false).build(), "mute", chatJid);
            case ChatChange.MarkRead mark -> patch(PatchType.REGULAR_LOW, new MarkChatAsReadActionBuilder()
                    .read(mark.read()).messageRange(emptyRange()).build(), "markChatAsRead", chatJid);
            case ChatChange.Delete ignored -> patch(PatchType.REGULAR_HIGH, new DeleteChatActionBuilder()
                    .messageRange(emptyRange()).build(), "deleteChat", chatJid, "1");
            // WhatsApp's index: the chat, whether the starred messages go too ("1"; "0" keeps them), whether media does
            case ChatChange.Clear clear -> patch(PatchType.REGULAR_HIGH, new ClearChatActionBuilder()
                    .messageRange(emptyRange()).build(), "clearChat", chatJid, clear.keepStarred() ? "0" : "1", "0");
            case ChatChange.Star star -> patch(PatchType.REGULAR_HIGH, new StarActionBuilder().starred(star.starred()).build(),
                    "star", chatJid, star.messageId(), star.fromMe() ? "1" : "0", star.participant() == null ? "0" : star.participant());
            case ChatChange.Label label -> label.messageId() == null
                    ? patch(PatchType.REGULAR, association(label), "label_jid", label.labelId(), chatJid)
                    : patch(PatchType.REGULAR, association(label), "label_message", label.labelId(), chatJid, label.messageId(), "0", "0");
            case ChatChange.Conversation ignored -> throw new IllegalArgumentException("a history conversation is not sent");
        };
    }

    private static LabelAssociationAction association(ChatChange.Label label) {
        return new LabelAssociationActionBuilder().labeled(label.labeled()).build();
    }

    /** WhatsApp's mute end: milliseconds, -1 for ever, 0 unmuted. */
    private static long muteEnd(Instant until) {
        if (until == null) {
            return 0;
        }
        return until.equals(ChatChange.MUTED_FOREVER) ? -1 : until.toEpochMilli();
    }

    private static it.auties.whatsapp.model.sync.ActionMessageRangeSync emptyRange() {
        return new ActionMessageRangeSyncBuilder().lastMessageTimestamp(0L).messages(List.of()).build();
    }

    private static PatchRequest patch(PatchType collection, Action action, String... index) {
        return patch(collection, ActionValueSync.of(action), index);
    }

    private static PatchRequest patch(PatchType collection, ActionValueSync value, String... index) {
        String json = Arrays.stream(index).map(AppStatePatches::jsonString).collect(Collectors.joining(",", "[", "]"));
        return new PatchRequest(collection, List.of(new PatchRequest.PatchEntry(value, json, RecordSync.Operation.SET)));
    }

    private static String jsonString(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * What the phone (or another companion) changed, when it is a chat's state (or a message's in it): a {@code SET}
     * says the new state; a {@code REMOVE} takes the state away (unarchived, unpinned, unmuted, unstarred, unlabeled).
     */
    static Optional<Incoming> read(AppStateMutations.Mutation mutation) {
        List<String> index = mutation.index();
        String type = part(index, 0);
        boolean labelIndex = "label_jid".equals(type) || "label_message".equals(type);
        String chat = canonical(part(index, labelIndex ? 2 : 1));
        if (chat == null) {
            return Optional.empty();
        }
        ChatChange change = mutation.remove() ? removed(type, index) : set(type, index, mutation.value().action().orElse(null));
        return Optional.ofNullable(change).map(known -> new Incoming(chat, known));
    }

    private static ChatChange set(String type, List<String> index, Action action) {
        return switch (action) {
            case ArchiveChatAction archive when "archive".equals(type) -> new ChatChange.Archive(archive.archived());
            case PinAction pin when "pin_v1".equals(type) -> new ChatChange.Pin(pin.pinned());
            case MuteAction mute when "mute".equals(type) -> new ChatChange.Mute(mutedUntil(mute));
            case MarkChatAsReadAction mark when "markChatAsRead".equals(type) -> new ChatChange.MarkRead(mark.read());
            case DeleteChatAction ignored when "deleteChat".equals(type) -> new ChatChange.Delete();
            case ClearChatAction ignored when "clearChat".equals(type) -> new ChatChange.Clear(!"1".equals(part(index, 2)));
            case StarAction star when "star".equals(type) && part(index, 2) != null -> star(index, star.starred());
            case LabelAssociationAction label when "label_jid".equals(type) || "label_message".equals(type) ->
                    labelOf(type, index, label.labeled());
            case null, default -> null;
        };
    }

    private static ChatChange removed(String type, List<String> index) {
        return switch (type) {
            case "archive" -> new ChatChange.Archive(false);
            case "pin_v1" -> new ChatChange.Pin(false);
            case "mute" -> new ChatChange.Mute(null);
            case "star" -> part(index, 2) == null ? null : star(index, false);
            case "label_jid", "label_message" -> labelOf(type, index, false);
            case null, default -> null;
        };
    }

    /** {@code ["star", chat, message, fromMe, participant]}: {@code participant} "0" when the message is not a group member's. */
    private static ChatChange star(List<String> index, boolean starred) {
        String participant = part(index, 4);
        return new ChatChange.Star(part(index, 2), "1".equals(part(index, 3)),
                participant == null || "0".equals(participant) ? null : participant, starred);
    }

    /** {@code ["label_jid", label, chat]} or {@code ["label_message", label, chat, message, fromMe, "0"]}. */
    private static ChatChange labelOf(String type, List<String> index, boolean labeled) {
        String label = part(index, 1);
        String message = "label_message".equals(type) ? part(index, 3) : null;
        if (label == null || "label_message".equals(type) && message == null) {
            return null;
        }
        return new ChatChange.Label(label, message, labeled);
    }

    /** A label created, changed or deleted ({@code ["label_edit", id]}): a {@code REMOVE} deletes it too. */
    static Optional<LabelChange> readLabel(AppStateMutations.Mutation mutation) {
        String id = part(mutation.index(), 1);
        if (!"label_edit".equals(part(mutation.index(), 0)) || id == null) {
            return Optional.empty();
        }
        var edit = mutation.value() == null ? Optional.<LabelEditAction>empty() : mutation.value().action()
                .filter(LabelEditAction.class::isInstance).map(LabelEditAction.class::cast);
        if (mutation.remove()) {
            return Optional.of(new LabelChange(id, edit.flatMap(LabelEditAction::name).orElse(""), edit.map(LabelEditAction::color)
                    .orElse(0), true));
        }
        return edit.map(found -> new LabelChange(id, found.name().orElse(""), found.color(), found.deleted()));
    }

    private static String part(List<String> index, int position) {
        return index.size() > position ? index.get(position) : null;
    }

    /** A chat's JID as the session keeps it (no device or agent part); null when it is not one. */
    private static String canonical(String jid) {
        if (jid == null || !jid.contains("@")) {
            return null;
        }
        return Jid.of(jid).toSimpleJid().toString();
    }

    /** Cobalt names the field seconds; WhatsApp writes milliseconds (and -1 for ever); either is read. */
    private static Instant mutedUntil(MuteAction mute) {
        long end = mute.muteEndTimestampSeconds();
        if (!mute.muted() || end == 0) {
            return null;
        }
        if (end < 0) {
            return ChatChange.MUTED_FOREVER;
        }
        return end > 100_000_000_000L ? Instant.ofEpochMilli(end) : Instant.ofEpochSecond(end);
    }

    record Incoming(String chatJid, ChatChange change) {
    }

    private static VarHandle socketHandlerField() {
        try {
            return MethodHandles.privateLookupIn(Whatsapp.class, MethodHandles.lookup())
                    .findVarHandle(Whatsapp.class, "socketHandler", SocketHandler.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
