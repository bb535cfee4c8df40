package io.kubezap.simulator.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * The server's check of a companion's {@code webauthn_assertion}, as a WebAuthn relying party verifies an
 * authentication response (W3C WebAuthn Level 3, §7.2): the account's credential; {@code clientDataJSON} of type
 * {@code webauthn.get} over the challenge the server issued, from {@code https://web.whatsapp.com}; authenticator data
 * for relying party {@code whatsapp.com} with the user present and verified (the options say
 * {@code userVerification: required}); an ES256 signature over {@code authenticatorData || SHA-256(clientDataJSON)}.
 * Hand-written with the JDK's ECDSA: webauthn4j-core resolves here but needs Jackson 3 with annotations 2.22, which
 * breaks the Jackson 2.20 every module runs on.
 */
public final class AssertionCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLAG_USER_PRESENT = 0x01;
    private static final int FLAG_USER_VERIFIED = 0x04;

    /** Why the server refuses an assertion. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public void verify(String assertionJson, AccountPasskey passkey, byte[] challenge) throws Refused {
        var credential = parse(assertionJson);
        var response = credential.path("response");
        if (!"public-key".equals(credential.path("type").asText())) {
            throw new Refused("type is not public-key");
        }
        if (!Arrays.equals(base64Url(credential, "rawId"), passkey.credentialId())) {
            throw new Refused("unknown credential");
        }
        var clientDataJson = base64Url(response, "clientDataJSON");
        var clientData = parse(new String(clientDataJson, StandardCharsets.UTF_8));
        if (!"webauthn.get".equals(clientData.path("type").asText())) {
            throw new Refused("clientDataJSON type is not webauthn.get");
        }
        if (!Arrays.equals(base64Url(clientData, "challenge"), challenge)) {
            throw new Refused("the assertion answers another challenge");
        }
        if (!AccountPasskey.ORIGIN.equals(clientData.path("origin").asText())) {
            throw new Refused("made on " + clientData.path("origin").asText() + ", not " + AccountPasskey.ORIGIN);
        }
        var authenticatorData = base64Url(response, "authenticatorData");
        if (authenticatorData.length < 37
                || !Arrays.equals(Arrays.copyOf(authenticatorData, 32), AccountPasskey.sha256(AccountPasskey.RP_ID.getBytes(StandardCharsets.US_ASCII)))) {
            throw new Refused("authenticator data is not for relying party " + AccountPasskey.RP_ID);
        }
        if ((authenticatorData[32] & (FLAG_USER_PRESENT | FLAG_USER_VERIFIED)) != (FLAG_USER_PRESENT | FLAG_USER_VERIFIED)) {
            throw new Refused("the user was not present and verified");
        }
        if (!signatureValid(passkey, authenticatorData, clientDataJson, base64Url(response, "signature"))) {
            throw new Refused("the signature does not verify with the account's passkey");
        }
    }

    private static boolean signatureValid(AccountPasskey passkey, byte[] authenticatorData, byte[] clientDataJson, byte[] signature) {
        try {
            var verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(passkey.publicKey());
            verifier.update(authenticatorData);
            verifier.update(MessageDigest.getInstance("SHA-256").digest(clientDataJson));
            return verifier.verify(signature);
        } catch (java.security.SignatureException malformed) {
            return false;
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
    }

    private static JsonNode parse(String json) throws Refused {
        try {
            var node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new Refused("not a JSON object");
            }
            return node;
        } catch (IOException exception) {
            throw new Refused("not JSON: " + exception.getMessage());
        }
    }

    private static byte[] base64Url(JsonNode parent, String field) throws Refused {
        var text = parent.path(field).asText("");
        try {
            return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException exception) {
            throw new Refused(field + " is not base64url");
        }
    }
}
