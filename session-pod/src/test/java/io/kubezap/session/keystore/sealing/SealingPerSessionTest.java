package io.kubezap.session.keystore.sealing;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.HeldSessions;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 81: on a host each session seals its key material with the wrapping keys of its own entry, its data key in its
 * own data directory, so one session's keys never open another's store, and a host whose own environment names no
 * wrapping key still seals the stores of sessions whose entries do.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SealingPerSessionTest {

    private static final String A = "loja-0a";
    private static final String B = "loja-0b";
    private static final byte[] KEY_MATERIAL = "identity key of a WhatsApp device".getBytes(StandardCharsets.UTF_8);

    @Inject
    HostedSessions sessions;
    @Inject
    KeyStoreSealing sealing;

    private Path dataA;
    private Path dataB;

    @BeforeEach
    void twoSessionsEachWithWrappingKeysOfItsOwn() throws IOException {
        dataA = Files.createTempDirectory(A);
        dataB = Files.createTempDirectory(B);
        // the same key id, different keys: only the key itself tells them apart
        sessions.host(HeldSessions.byQr(A, "shop", "key-of-loja-0a-0123456789abcdef", dataA,
                Map.of(PodEnvironment.KEY_WRAPPING_KEYS, "k1:" + newWrappingKey())));
        sessions.host(HeldSessions.byQr(B, "shop", "key-of-loja-0b-0123456789abcdef", dataB,
                Map.of(PodEnvironment.KEY_WRAPPING_KEYS, "k1:" + newWrappingKey())));
    }

    @AfterEach
    void bothLeave() {
        sessions.release(A);
        sessions.release(B);
    }

    @Test
    void eachSessionSealsUnderItsOwnKeyAndNoOtherOpensIt() {
        byte[] sealedByA = SessionKeys.get(A, () -> sealing.sealed(KEY_MATERIAL));

        assertThat(KeyMaterialCipher.isSealed(sealedByA)).as("A's key material sealed").isTrue();
        assertThat(SessionKeys.get(A, () -> sealing.opened(sealedByA))).isEqualTo(KEY_MATERIAL);
        assertThatThrownBy(() -> SessionKeys.get(B, () -> sealing.opened(sealedByA)))
                .as("B's keys open A's sealed key material").isInstanceOf(IllegalArgumentException.class);
        assertThat(dataA.resolve(DataKeyFile.NAME)).as("A's data key in A's directory").exists();
        assertThat(dataB.resolve(DataKeyFile.NAME)).as("B's data key in B's directory").exists();
    }

    @Test
    void thePodsOwnSessionWithoutAWrappingKeyStaysAsItWas() {
        SessionKeys.get(A, () -> sealing.sealed(KEY_MATERIAL));

        assertThat(sealing.sealed(KEY_MATERIAL)).as("the pod's session, which names no wrapping key").isEqualTo(KEY_MATERIAL);
    }

    private static String newWrappingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
