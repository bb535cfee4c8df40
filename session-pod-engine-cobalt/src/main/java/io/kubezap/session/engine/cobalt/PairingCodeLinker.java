package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.keypair.SignalKeyPair;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Links this device by pairing code over Cobalt's node API, replacing Cobalt 0.0.10's defective
 * implementation: {@code companion_hello} announces a wrapped ephemeral key and yields a pairing
 * ref; the phone answers with a {@code primary_hello} notification, to which {@code companion_finish}
 * replies with the sealed key bundle. The adv secret it derives becomes the key Cobalt checks
 * {@code pair-success} against.
 */
final class PairingCodeLinker {

    private static final String PLATFORM_ID = "1";
    private static final String PLATFORM_DISPLAY = "Chrome (Linux)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(Jid phone, SignalKeyPair ephemeral, LinkingCode code, byte[] ref) {
    }

    private final AtomicReference<Pending> pending = new AtomicReference<>();

    /** Asks WhatsApp to expect a code for {@code phoneDigits}; completes with the code to type. */
    CompletableFuture<LinkingCode> begin(Whatsapp client, String phoneDigits) {
        var phone = Jid.of(phoneDigits, JidServer.whatsapp());
        var ephemeral = SignalKeyPair.random();
        var code = LinkingCode.random();
        var wrapped = LinkCodeCipher.wrapPublicKey(code, ephemeral.publicKey(), random(32), random(16));
        var hello = Node.of("link_code_companion_reg",
                Map.of("jid", phone, "stage", "companion_hello", "should_show_push_notification", "true"),
                Node.of("link_code_pairing_wrapped_companion_ephemeral_pub", wrapped),
                Node.of("companion_server_auth_key_pub", client.keys().noiseKeyPair().publicKey()),
                Node.of("companion_platform_id", PLATFORM_ID),
                Node.of("companion_platform_display", PLATFORM_DISPLAY),
                Node.of("link_code_pairing_nonce", new byte[]{0}));
        return client.sendNode(iq(hello)).thenApply(response -> {
            var ref = response.findChild("link_code_companion_reg")
                    .flatMap(registration -> registration.findChild("link_code_pairing_ref"))
                    .flatMap(PairingCodeLinker::content)
                    .orElseThrow(() -> new NoSuchElementException("WhatsApp returned no pairing ref: " + response));
            pending.set(new Pending(phone, ephemeral, code, ref));
            return code;
        });
    }

    /** true for the phone's {@code primary_hello} notification. */
    static boolean isPrimaryHello(Node node) {
        return node.description().equals("notification")
                && "link_code_companion_reg".equals(node.attributes().getString("type", null));
    }

    /** Answers the phone's hello; no-op when no code is pending or the ref is not ours. */
    CompletableFuture<?> finish(Whatsapp client, Node notification) {
        var current = pending.get();
        var registration = notification.findChild("link_code_companion_reg").orElse(null);
        if (current == null || registration == null) {
            return CompletableFuture.completedFuture(null);
        }
        var ref = bytes(registration, "link_code_pairing_ref");
        if (!Arrays.equals(ref, current.ref())) {
            return CompletableFuture.completedFuture(null);
        }
        var primaryEphemeral = LinkCodeCipher.unwrapPublicKey(current.code(),
                bytes(registration, "link_code_pairing_wrapped_primary_ephemeral_pub"));
        var primaryIdentity = bytes(registration, "primary_identity_pub");
        var identity = client.keys().identityKeyPair();
        var bundle = LinkCodeCipher.keyBundle(current.ephemeral().privateKey(), primaryEphemeral, identity.publicKey(),
                identity.privateKey(), primaryIdentity, random(32), random(32), random(12));
        var companion = client.keys().companionKeyPair();
        client.keys().setCompanionKeyPair(new SignalKeyPair(bundle.advSecret(), companion.privateKey()));
        pending.set(null);
        var finish = Node.of("link_code_companion_reg",
                Map.of("jid", current.phone(), "stage", "companion_finish"),
                Node.of("link_code_pairing_wrapped_key_bundle", bundle.wrapped()),
                Node.of("companion_identity_public", identity.publicKey()),
                Node.of("link_code_pairing_ref", ref));
        return client.sendNode(iq(finish));
    }

    void reset() {
        pending.set(null);
    }

    private static Node iq(Node body) {
        return Node.of("iq", Map.of("xmlns", "md", "type", "set", "to", JidServer.whatsapp().toJid()), body);
    }

    private static byte[] bytes(Node parent, String child) {
        return parent.findChild(child)
                .flatMap(PairingCodeLinker::content)
                .orElseThrow(() -> new NoSuchElementException("primary_hello without " + child));
    }

    /** Binary content; the decoder may hand over text for content that happens to be a token. */
    private static Optional<byte[]> content(Node node) {
        return node.contentAsBytes().or(() -> node.contentAsString().map(text -> text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] random(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
