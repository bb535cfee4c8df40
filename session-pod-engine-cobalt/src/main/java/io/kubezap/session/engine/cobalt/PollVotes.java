package io.kubezap.session.engine.cobalt;

import io.kubezap.session.jid.Addresses;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.standard.PollCreationMessage;
import it.auties.whatsapp.model.message.standard.PollUpdateMessage;
import it.auties.whatsapp.model.poll.PollOption;
import it.auties.whatsapp.model.poll.PollUpdateEncryptedOptionsSpec;

import javax.crypto.Cipher;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Opens poll votes. Cobalt 0.0.10 looks the poll up by the vote's key as the voter wrote it, whose chat is the
 * voter's view of it (this account, in a one-to-one chat), so it finds the poll only in groups; and it maps the
 * chosen options back to names only for polls it built. Here the poll is looked up in the chat the vote arrived in,
 * and the vote is opened as WhatsApp seals it: AES-256-GCM under HKDF-SHA256(poll secret,
 * {@code pollId + creator + voter + "Poll Vote"}), with {@code pollId \0 voter} as associated data. A customer
 * WhatsApp addresses by LID votes from its LID ({@link LidMessages} keeps that in the LID's chat) on a poll Cobalt sent
 * to its number, so the poll is looked for in the number's chat too; and votes are sealed for the number of whoever
 * is named by LID, as LID-first clients read them (Baileys 7 takes a key's other address, {@code remoteJidAlt}, as
 * creator and voter): each is tried as it came and as its number (the chat the poll went to, the session's address
 * book), and the pair the GCM tag accepts is it.
 */
final class PollVotes {

    private PollVotes() {
    }

    /** The option names the vote chose; empty when the poll or its secret is unknown here, or the vote does not open. */
    static Optional<List<String>> open(ChatMessageInfo info, PollUpdateMessage vote, Store store) {
        var pollId = vote.pollCreationMessageKey().id();
        var found = store.findChatByJid(info.chatJid()).flatMap(chat -> store.findMessageById(chat, pollId))
                .or(() -> inAnyOneToOneChat(store, pollId));
        if (found.isEmpty() || !(found.get().message().content() instanceof PollCreationMessage poll)
                || poll.encryptionKey().isEmpty() || vote.encryptedMetadata().isEmpty()) {
            return Optional.empty();
        }
        var creators = asCameAndByNumber(found.get().senderJid().toSimpleJid().toString());
        var metadata = vote.encryptedMetadata().get();
        return voters(info, found.get()).stream().flatMap(voter -> creators.stream()
                        .flatMap(creator -> chosen(poll, pollId, creator, voter, metadata.payload(), metadata.iv()).stream()))
                .findFirst();
    }

    /** {@code jid}, then the number's JID the session knows for it when it is a LID. */
    static List<String> asCameAndByNumber(String jid) {
        try {
            var number = Addresses.parseCanonical(jid);
            return number.equals(jid) ? List.of(jid) : List.of(jid, number);
        } catch (IllegalArgumentException notAPersonsAddress) {
            return List.of(jid);
        }
    }

    /** The poll in a one-to-one chat other than the vote's: the number's, for a vote that came from its LID. */
    private static Optional<ChatMessageInfo> inAnyOneToOneChat(Store store, String pollId) {
        return store.chats().stream().filter(chat -> !chat.jid().hasServer(JidServer.groupOrCommunity()))
                .flatMap(chat -> store.findMessageById(chat, pollId).stream()).findFirst();
    }

    /** Whom the vote may be sealed for: its sender as it came or by number, then (one-to-one) the person the poll went to. */
    static List<String> voters(ChatMessageInfo info, ChatMessageInfo poll) {
        return voters(info, poll.chatJid());
    }

    /** {@link #voters(ChatMessageInfo, ChatMessageInfo)} of a poll or event in {@code chat}. */
    static List<String> voters(ChatMessageInfo info, it.auties.whatsapp.model.jid.Jid chat) {
        var voters = new java.util.LinkedHashSet<>(asCameAndByNumber(info.senderJid().toSimpleJid().toString()));
        if (!chat.hasServer(JidServer.groupOrCommunity())) {
            voters.add(chat.toSimpleJid().toString());
        }
        return List.copyOf(voters);
    }

    private static Optional<List<String>> chosen(PollCreationMessage poll, String pollId, String creator, String voter,
                                                 byte[] payload, byte[] iv) {
        try {
            var cipher = SecretCipher.of(Cipher.DECRYPT_MODE, poll.encryptionKey().get(), pollId, creator, voter,
                    SecretCipher.POLL_VOTE, iv);
            var chosen = PollUpdateEncryptedOptionsSpec.decode(cipher.doFinal(payload)).selectedOptions();
            Map<String, String> byHash = poll.selectableOptions().stream().map(PollOption::name)
                    .collect(Collectors.toMap(PollVotes::sha256, Function.identity(), (first, same) -> first));
            return Optional.of(chosen.stream().map(hash -> byHash.get(HexFormat.of().formatHex(hash)))
                    .filter(Objects::nonNull).toList());
        } catch (GeneralSecurityException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static String sha256(String option) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(option.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
