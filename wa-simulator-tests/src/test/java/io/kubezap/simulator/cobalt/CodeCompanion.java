package io.kubezap.simulator.cobalt;

import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.crypto.Hkdf;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.keypair.SignalKeyPair;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The companion side of pairing-code linking, written for the tests over Cobalt's node API and
 * Cobalt's own curve and HKDF (Cobalt 0.0.10's built-in flow is defective): sends
 * {@code companion_hello}, answers the phone's {@code primary_hello} with {@code companion_finish},
 * and arms Cobalt with the derived adv secret so that it accepts {@code pair-success}.
 */
final class CodeCompanion {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Whatsapp api;
    private final Jid phone;
    private final SignalKeyPair ephemeral = SignalKeyPair.random();
    private final String code;
    final CompletableFuture<Node> finishAnswer = new CompletableFuture<>();
    private volatile byte[] ref;

    CodeCompanion(Whatsapp api, String phoneNumber) {
        this.api = api;
        this.phone = Jid.of(phoneNumber, JidServer.whatsapp());
        var code = new StringBuilder();
        for (var i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        this.code = code.toString();
        api.addNodeReceivedListener((Node node) -> {
            if (node.description().equals("notification") && "link_code_companion_reg".equals(node.attributes().getString("type", null))) {
                answerPrimaryHello(node.findChild("link_code_companion_reg").orElseThrow());
            }
        });
    }

    /** What the user would read off the companion's screen. */
    String displayedCode() {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** Sends {@code companion_hello}; returns the server's answer. */
    Node sendHello() throws Exception {
        var hello = Node.of("link_code_companion_reg",
                Map.of("jid", phone, "stage", "companion_hello", "should_show_push_notification", "true"),
                Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", wrap(ephemeral.publicKey())),
                Node.of("companion_server_auth_key_pub", api.keys().noiseKeyPair().publicKey()),
                Node.of("companion_platform_id", "1"),
                Node.of("companion_platform_display", "Chrome (Linux)"),
                Node.of("link_code_pairing_nonce", new byte[]{0}));
        var answer = api.sendNode(iq(hello)).get(10, TimeUnit.SECONDS);
        ref = answer.findChild("link_code_companion_reg")
                .flatMap(registration -> registration.findChild("link_code_pairing_ref"))
                .flatMap(Node::contentAsBytes)
                .orElse(null);
        return answer;
    }

    byte[] ref() {
        return ref;
    }

    private void answerPrimaryHello(Node registration) {
        try {
            var primaryEphemeral = unwrap(bytes(registration, "link_code_pairing_wrapped_primary_ephemeral_pub"));
            var primaryIdentity = bytes(registration, "primary_identity_pub");
            var identity = api.keys().identityKeyPair();
            var ephemeralShared = Curve25519.sharedKey(primaryEphemeral, ephemeral.privateKey());
            var advRandom = random(32);
            var salt = random(32);
            var nonce = random(12);
            var bundleKey = Hkdf.extractAndExpand(ephemeralShared, salt, "link_code_pairing_key_bundle_encryption_key".getBytes(StandardCharsets.UTF_8), 32);
            var gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(bundleKey, "AES"), new GCMParameterSpec(128, nonce));
            var sealed = gcm.doFinal(concat(identity.publicKey(), primaryIdentity, advRandom));
            var identityShared = Curve25519.sharedKey(primaryIdentity, identity.privateKey());
            var advSecret = Hkdf.extractAndExpand(concat(ephemeralShared, identityShared, advRandom), "adv_secret".getBytes(StandardCharsets.UTF_8), 32);
            api.keys().setCompanionKeyPair(new SignalKeyPair(advSecret, api.keys().companionKeyPair().privateKey()));
            var finish = Node.of("link_code_companion_reg",
                    Map.of("jid", phone, "stage", "companion_finish"),
                    Node.of("link_code_pairing_wrapped_key_bundle", concat(salt, nonce, sealed)),
                    Node.of("companion_identity_public", identity.publicKey()),
                    Node.of("link_code_pairing_ref", bytes(registration, "link_code_pairing_ref")));
            api.sendNode(iq(finish)).whenComplete((answer, failure) -> {
                if (failure != null) {
                    finishAnswer.completeExceptionally(failure);
                } else {
                    finishAnswer.complete(answer);
                }
            });
        } catch (GeneralSecurityException exception) {
            finishAnswer.completeExceptionally(exception);
        }
    }

    private byte[] wrap(byte[] publicKey) throws GeneralSecurityException {
        var salt = random(32);
        var iv = random(16);
        return concat(salt, iv, ctr(salt, iv, publicKey));
    }

    private byte[] unwrap(byte[] wrapped) throws GeneralSecurityException {
        return ctr(Arrays.copyOfRange(wrapped, 0, 32), Arrays.copyOfRange(wrapped, 32, 48), Arrays.copyOfRange(wrapped, 48, 80));
    }

    private byte[] ctr(byte[] salt, byte[] iv, byte[] input) throws GeneralSecurityException {
        var key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(code.toCharArray(), salt, 2 << 16, 256)).getEncoded();
        var cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(input);
    }

    private static Node iq(Node body) {
        return Node.of("iq", Map.of("xmlns", "md", "type", "set", "to", JidServer.whatsapp().toJid()), body);
    }

    private static byte[] bytes(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes).orElseThrow();
    }

    private static byte[] random(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        var output = new ByteArrayOutputStream();
        for (var part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }
}
