package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Poll votes as WhatsApp encrypts them: the chosen options' SHA-256 hashes ({@code PollVoteMessage.selectedOptions})
 * sealed with the poll's message secret ({@link MessageSecretCipher}, use case {@code Poll Vote}).
 */
public final class PollVoteCipher {

    private PollVoteCipher() {
    }

    public static MessageSecretCipher.Sealed seal(byte[] secret, String pollId, String creatorJid, String voterJid, List<String> options) {
        var selected = new ProtobufWriter();
        options.forEach(option -> selected.bytes(1, sha256(option)));
        return MessageSecretCipher.seal(MessageSecretCipher.UseCase.POLL_VOTE, secret, pollId, creatorJid, voterJid, selected.toByteArray());
    }

    /** The options of {@code pollOptions} the vote chose. @throws IllegalArgumentException when it does not open */
    public static List<String> open(byte[] secret, String pollId, String creatorJid, String voterJid, byte[] payload, byte[] iv,
                                    List<String> pollOptions) {
        byte[] plaintext = MessageSecretCipher.open(MessageSecretCipher.UseCase.POLL_VOTE, secret, pollId, creatorJid, voterJid, payload, iv);
        Map<String, String> byHash = pollOptions.stream()
                .collect(Collectors.toMap(option -> HexFormat.of().formatHex(sha256(option)), Function.identity(), (a, b) -> a));
        return ProtobufReader.read(plaintext).all(1).stream()
                .map(hash -> byHash.get(HexFormat.of().formatHex(hash)))
                .filter(Objects::nonNull)
                .toList();
    }

    static byte[] sha256(String option) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(option.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
