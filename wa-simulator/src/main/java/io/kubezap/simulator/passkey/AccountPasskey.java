package io.kubezap.simulator.passkey;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The passkey a WhatsApp account's owner registered (an ES256 platform credential for relying party
 * {@code whatsapp.com}), and the authenticator that holds it: it signs assertions the way a browser on
 * {@code web.whatsapp.com} answers {@code navigator.credentials.get()}, so tests can play the user's part.
 */
public final class AccountPasskey {
    /** The relying party WhatsApp's request options name (whatsmeow PR #1186; Baileys PR #2689 shows the options). */
    public static final String RP_ID = "whatsapp.com";
    /** Where the user runs the ceremony: a tab on WhatsApp Web. */
    public static final String ORIGIN = "https://web.whatsapp.com";
    private static final byte FLAG_USER_PRESENT = 0x01;
    private static final byte FLAG_USER_VERIFIED = 0x04;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String phoneNumber;
    private final byte[] credentialId;
    private final byte[] userHandle;
    private final KeyPair keys;
    private final AtomicLong signCount = new AtomicLong();

    private AccountPasskey(String phoneNumber, byte[] credentialId, byte[] userHandle, KeyPair keys) {
        this.phoneNumber = phoneNumber;
        this.credentialId = credentialId;
        this.userHandle = userHandle;
        this.keys = keys;
    }

    static AccountPasskey register(String phoneNumber) {
        var random = new SecureRandom();
        var credentialId = new byte[16];
        random.nextBytes(credentialId);
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return new AccountPasskey(phoneNumber, credentialId, phoneNumber.getBytes(StandardCharsets.US_ASCII), generator.generateKeyPair());
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("This JVM cannot make a P-256 key pair", exception);
        }
    }

    public String phoneNumber() {
        return phoneNumber;
    }

    public byte[] credentialId() {
        return credentialId.clone();
    }

    public String credentialIdBase64Url() {
        return BASE64URL.encodeToString(credentialId);
    }

    public ECPublicKey publicKey() {
        return (ECPublicKey) keys.getPublic();
    }

    public long signCount() {
        return signCount.get();
    }

    /**
     * The user answers {@code challenge} in a browser tab at {@code origin}: the {@code PublicKeyCredential.toJSON()}
     * of the assertion (base64url fields, as browsers produce it).
     */
    public Map<String, Object> assertion(byte[] challenge, String origin) {
        var clientDataJson = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + BASE64URL.encodeToString(challenge)
                + "\",\"origin\":\"" + origin + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        var authenticatorData = ByteBuffer.allocate(37)
                .put(sha256(RP_ID.getBytes(StandardCharsets.US_ASCII)))
                .put((byte) (FLAG_USER_PRESENT | FLAG_USER_VERIFIED))
                .putInt((int) signCount.incrementAndGet())
                .array();
        var signed = ByteBuffer.allocate(authenticatorData.length + 32).put(authenticatorData).put(sha256(clientDataJson)).array();
        var response = new LinkedHashMap<String, Object>();
        response.put("clientDataJSON", BASE64URL.encodeToString(clientDataJson));
        response.put("authenticatorData", BASE64URL.encodeToString(authenticatorData));
        response.put("signature", BASE64URL.encodeToString(sign(signed)));
        response.put("userHandle", BASE64URL.encodeToString(userHandle));
        var credential = new LinkedHashMap<String, Object>();
        credential.put("id", credentialIdBase64Url());
        credential.put("rawId", credentialIdBase64Url());
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("authenticatorAttachment", "platform");
        credential.put("clientExtensionResults", Map.of());
        return credential;
    }

    private byte[] sign(byte[] data) {
        try {
            var signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("Signing with the account's passkey failed", exception);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
