package io.kubezap.simulator.content;

import io.kubezap.simulator.noise.Hkdf;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Poll votes as WhatsApp encrypts them: the chosen options' SHA-256 hashes ({@code PollVoteMessage.selectedOptions})
 * sealed with AES-256-GCM under a key derived by HKDF-SHA256 from the poll's message secret, with info
 * {@code pollId + creatorJid + voterJid + "Poll Vote"}, and {@code pollId \0 voterJid} as associated data. JIDs are
 * the accounts' plain JIDs (no device).
 */
public final class PollVoteCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ZERO_SALT = new byte[32];

    private PollVoteCipher() {
    }

    public record Sealed(byte[] payload, byte[] iv) {
    }

    public static Sealed seal(byte[] secret, String pollId, String creatorJid, String voterJid, List<String> options) {
        var selected = new ProtobufWriter();
        options.forEach(option -> selected.bytes(1, sha256(option)));
        var iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            var cipher = cipher(Cipher.ENCRYPT_MODE, secret, pollId, creatorJid, voterJid, iv);
            return new Sealed(cipher.doFinal(selected.toByteArray()), iv);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The options of {@code pollOptions} the vote chose. @throws IllegalArgumentException when it does not open */
    public static List<String> open(byte[] secret, String pollId, String creatorJid, String voterJid, byte[] payload, byte[] iv,
                                    List<String> pollOptions) {
        byte[] plaintext;
        try {
            plaintext = cipher(Cipher.DECRYPT_MODE, secret, pollId, creatorJid, voterJid, iv).doFinal(payload);
        } catch (GeneralSecurityException wrong) {
            throw new IllegalArgumentException("The vote does not decrypt with this poll's secret: " + wrong.getMessage());
        }
        Map<String, String> byHash = pollOptions.stream()
                .collect(Collectors.toMap(option -> HexFormat.of().formatHex(sha256(option)), Function.identity(), (a, b) -> a));
        return ProtobufReader.read(plaintext).all(1).stream()
                .map(hash -> byHash.get(HexFormat.of().formatHex(hash)))
                .filter(Objects::nonNull)
                .toList();
    }

    private static Cipher cipher(int mode, byte[] secret, String pollId, String creatorJid, String voterJid, byte[] iv)
            throws GeneralSecurityException {
        var info = (pollId + creatorJid + voterJid + "Poll Vote").getBytes(StandardCharsets.UTF_8);
        var key = Hkdf.derive(ZERO_SALT, secret, info, 32);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD((pollId + "\0" + voterJid).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    static byte[] sha256(String option) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(option.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
