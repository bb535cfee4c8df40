package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.crypto.Hkdf;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.standard.PollCreationMessage;
import it.auties.whatsapp.model.message.standard.PollUpdateMessage;
import it.auties.whatsapp.model.poll.PollOption;
import it.auties.whatsapp.model.poll.PollUpdateEncryptedOptionsSpec;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * {@code pollId + creator + voter + "Poll Vote"}), with {@code pollId \0 voter} as associated data.
 */
final class PollVotes {

    private PollVotes() {
    }

    /** The option names the vote chose; empty when the poll or its secret is unknown here, or the vote does not open. */
    static Optional<List<String>> open(ChatMessageInfo info, PollUpdateMessage vote, Store store) {
        var pollId = vote.pollCreationMessageKey().id();
        var found = store.findChatByJid(info.chatJid()).flatMap(chat -> store.findMessageById(chat, pollId));
        if (found.isEmpty() || !(found.get().message().content() instanceof PollCreationMessage poll)
                || poll.encryptionKey().isEmpty() || vote.encryptedMetadata().isEmpty()) {
            return Optional.empty();
        }
        var creator = found.get().senderJid().toSimpleJid().toString();
        var voter = info.senderJid().toSimpleJid().toString();
        var metadata = vote.encryptedMetadata().get();
        try {
            var key = Hkdf.extractAndExpand(poll.encryptionKey().get(),
                    (pollId + creator + voter + "Poll Vote").getBytes(StandardCharsets.UTF_8), 32);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, metadata.iv()));
            cipher.updateAAD((pollId + "\0" + voter).getBytes(StandardCharsets.UTF_8));
            var chosen = PollUpdateEncryptedOptionsSpec.decode(cipher.doFinal(metadata.payload())).selectedOptions();
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
