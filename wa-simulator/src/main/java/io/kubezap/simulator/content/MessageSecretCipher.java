package io.kubezap.simulator.content;

import io.kubezap.simulator.noise.Hkdf;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * What WhatsApp seals with a message's own secret ({@code messageContextInfo.messageSecret}): poll votes, event responses
 * and event edits. AES-256-GCM under a key derived by HKDF-SHA256 from the secret, with info
 * {@code messageId + creatorJid + modifierJid + useCase}; a vote and a response carry {@code messageId \0 modifierJid}
 * as associated data, an edit none. JIDs are the accounts' plain JIDs (no device).
 */
public final class MessageSecretCipher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] ZERO_SALT = new byte[32];

    /** The use cases: each names its key's derivation, and whether the modifier is bound as associated data. */
    public enum UseCase {
        POLL_VOTE("Poll Vote", true), EVENT_RESPONSE("Event Response", true), EVENT_EDIT("Event Edit", false);

        private final String info;
        private final boolean bindsModifier;

        UseCase(String info, boolean bindsModifier) {
            this.info = info;
            this.bindsModifier = bindsModifier;
        }
    }

    public record Sealed(byte[] payload, byte[] iv) {
    }

    private MessageSecretCipher() {
    }

    public static Sealed seal(UseCase useCase, byte[] secret, String messageId, String creatorJid, String modifierJid, byte[] plaintext) {
        var iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            return new Sealed(cipher(useCase, Cipher.ENCRYPT_MODE, secret, messageId, creatorJid, modifierJid, iv).doFinal(plaintext), iv);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @throws IllegalArgumentException when it does not open with this secret for these accounts */
    public static byte[] open(UseCase useCase, byte[] secret, String messageId, String creatorJid, String modifierJid,
                              byte[] payload, byte[] iv) {
        try {
            return cipher(useCase, Cipher.DECRYPT_MODE, secret, messageId, creatorJid, modifierJid, iv).doFinal(payload);
        } catch (GeneralSecurityException wrong) {
            throw new IllegalArgumentException("Does not decrypt with the message's secret (" + useCase.info + "): " + wrong.getMessage());
        }
    }

    private static Cipher cipher(UseCase useCase, int mode, byte[] secret, String messageId, String creatorJid, String modifierJid,
                                 byte[] iv) throws GeneralSecurityException {
        var info = (messageId + creatorJid + modifierJid + useCase.info).getBytes(StandardCharsets.UTF_8);
        var key = Hkdf.derive(ZERO_SALT, secret, info, 32);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        if (useCase.bindsModifier) {
            cipher.updateAAD((messageId + "\0" + modifierJid).getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
