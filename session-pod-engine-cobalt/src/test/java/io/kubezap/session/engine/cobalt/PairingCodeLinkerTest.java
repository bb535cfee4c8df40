package io.kubezap.session.engine.cobalt;

import it.auties.curve25519.Curve25519;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.StoreKeysPair;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.engine.cobalt.TestBytes.concat;
import static io.kubezap.session.engine.cobalt.TestBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

/** Plays WhatsApp's server and the phone against the companion's side of pairing-code linking. */
class PairingCodeLinkerTest {

    private static final byte[] PAIRING_REF = "2@pairing-ref".getBytes();

    @StoreDirectory
    Path dir;

    private final PairingCodeLinker linker = new PairingCodeLinker();

    @Test
    void helloAnnouncesTheWrappedKeyForThePhoneNumber() throws Exception {
        var client = new ServerStubClient(session(), PAIRING_REF);

        var code = linker.begin(client, "5511999999999").get(10, TimeUnit.SECONDS);

        var hello = client.registration(0);
        assertThat(code.display()).matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}");
        assertThat(hello.attributes().getString("stage")).isEqualTo("companion_hello");
        assertThat(hello.attributes().getString("jid")).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(bytes(hello, "companion_server_auth_key_pub")).isEqualTo(client.keys().noiseKeyPair().publicKey());
        assertThat(bytes(hello, "link_code_pairing_wrapped_companion_ephemeral_pub")).hasSize(80);
    }

    @Test
    void phoneAndCompanionAgreeOnTheAdvSecretThatAuthenticatesPairSuccess() throws Exception {
        var client = new ServerStubClient(session(), PAIRING_REF);
        var code = linker.begin(client, "5511999999999").get(10, TimeUnit.SECONDS);
        var companionEphemeral = LinkCodeCipher.unwrapPublicKey(code,
                bytes(client.registration(0), "link_code_pairing_wrapped_companion_ephemeral_pub"));
        var phoneEphemeralPrivate = Curve25519.randomPrivateKey();
        var phoneIdentityPrivate = Curve25519.randomPrivateKey();
        var primaryHello = Node.of("notification", Map.of("type", "link_code_companion_reg"),
                Node.of("link_code_companion_reg", Map.of("stage", "primary_hello"),
                        Node.of("link_code_pairing_ref", PAIRING_REF),
                        Node.of("link_code_pairing_wrapped_primary_ephemeral_pub", LinkCodeCipher.wrapPublicKey(code,
                                Curve25519.getPublicKey(phoneEphemeralPrivate), random(32), random(16))),
                        Node.of("primary_identity_pub", Curve25519.getPublicKey(phoneIdentityPrivate))));
        assertThat(PairingCodeLinker.isPrimaryHello(primaryHello)).isTrue();

        linker.finish(client, primaryHello).get(10, TimeUnit.SECONDS);

        var finish = client.registration(1);
        assertThat(finish.attributes().getString("stage")).isEqualTo("companion_finish");
        assertThat(bytes(finish, "link_code_pairing_ref")).isEqualTo(PAIRING_REF);
        var ephemeralShared = Curve25519.sharedKey(companionEphemeral, phoneEphemeralPrivate);
        var bundle = LinkCodeCipher.openKeyBundle(ephemeralShared, bytes(finish, "link_code_pairing_wrapped_key_bundle"));
        var companionIdentity = client.keys().identityKeyPair().publicKey();
        assertThat(Arrays.copyOfRange(bundle, 0, 32)).isEqualTo(companionIdentity);
        var identityShared = Curve25519.sharedKey(companionIdentity, phoneIdentityPrivate);
        var phoneAdvSecret = LinkCodeCipher.hkdf(concat(ephemeralShared, identityShared, Arrays.copyOfRange(bundle, 64, 96)),
                new byte[0], "adv_secret".getBytes());
        assertThat(client.keys().companionKeyPair().publicKey()).isEqualTo(phoneAdvSecret);
    }

    @Test
    void helloForAnotherRefIsIgnored() throws Exception {
        var client = new ServerStubClient(session(), PAIRING_REF);
        linker.begin(client, "5511999999999").get(10, TimeUnit.SECONDS);
        var advSecretBefore = client.keys().companionKeyPair().publicKey();
        var strangerHello = Node.of("notification", Map.of("type", "link_code_companion_reg"),
                Node.of("link_code_companion_reg", Map.of("stage", "primary_hello"),
                        Node.of("link_code_pairing_ref", "2@someone-else".getBytes())));

        linker.finish(client, strangerHello).get(10, TimeUnit.SECONDS);

        assertThat(client.sent()).hasSize(1);
        assertThat(client.keys().companionKeyPair().publicKey()).isEqualTo(advSecretBefore);
    }

    private StoreKeysPair session() {
        return ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB);
    }

    private static byte[] bytes(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes).orElseThrow();
    }
}
