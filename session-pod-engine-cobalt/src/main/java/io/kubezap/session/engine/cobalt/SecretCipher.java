package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.crypto.Hkdf;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * What WhatsApp seals with a message's own secret (poll votes, event answers, event edits): AES-256-GCM under
 * HKDF-SHA256(secret, {@code messageId + creator + modifier + useCase}); a vote and an answer bind
 * {@code messageId \0 modifier} as associated data, an edit nothing.
 */
final class SecretCipher {

    static final String POLL_VOTE = "Poll Vote";
    static final String EVENT_RESPONSE = "Event Response";
    static final String EVENT_EDIT = "Event Edit";

    private SecretCipher() {
    }

    static Cipher of(int mode, byte[] secret, String messageId, String creator, String modifier, String useCase, byte[] iv)
            throws GeneralSecurityException {
        var key = Hkdf.extractAndExpand(secret, (messageId + creator + modifier + useCase).getBytes(StandardCharsets.UTF_8), 32);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        if (!useCase.equals(EVENT_EDIT)) {
            cipher.updateAAD((messageId + "\0" + modifier).getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
