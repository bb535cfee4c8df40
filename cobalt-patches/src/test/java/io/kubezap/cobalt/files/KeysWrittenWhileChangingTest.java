package io.kubezap.cobalt.files;

import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.KeysSpec;
import it.auties.whatsapp.model.signal.keypair.SignalKeyPair;
import it.auties.whatsapp.model.signal.session.Session;
import it.auties.whatsapp.model.signal.session.SessionAddress;
import it.auties.whatsapp.model.signal.session.SessionChain;
import it.auties.whatsapp.model.signal.session.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys are written after every message while Cobalt decrypts the next ones on other threads, advancing the same
 * Signal sessions. Every file written meanwhile must read back (issue 34: "invalid field index: 0" in
 * {@code KeysSpec.decode} at a start, a crash loop only re-linking ended).
 */
class KeysWrittenWhileChangingTest {

    private static final int WRITES = 500;
    private static final SessionAddress CUSTOMER = new SessionAddress("5511988880002", 0);
    private static final long BETWEEN_MESSAGES_NANOS = 50_000;

    @TempDir
    Path dir;

    @Test
    void everyKeyFileWrittenWhileSessionsAdvanceReadsBack() throws Exception {
        var id = UUID.randomUUID();
        var keys = Keys.of(id, null, null, ClientType.WEB);
        keys.setRegistered(true);
        var chain = new SessionChain(0, new byte[32]);
        keys.addSession(CUSTOMER, sessionWith(chain));
        var decrypting = new AtomicBoolean(true);
        var decrypter = Thread.ofPlatform().start(() -> advance(chain, decrypting));
        var unreadable = new ArrayList<String>();
        try {
            var file = dir.resolve("web").resolve(id.toString()).resolve("keys.proto");
            for (int write = 0; write < WRITES; write++) {
                ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
                try {
                    KeysSpec.decode(ProtobufInputStream.fromStream(new ByteArrayInputStream(Files.readAllBytes(file))));
                } catch (RuntimeException cannotRead) {
                    unreadable.add("write " + write + ": " + cannotRead);
                }
            }
        } finally {
            decrypting.set(false);
            decrypter.join();
        }
        assertThat(unreadable).as("key files that do not read back").isEmpty();
        ControllerSerializer.toProtobuf(dir).serializeKeys(keys, false).join();
        var stored = ControllerSerializer.toProtobuf(dir).deserializeKeys(ClientType.WEB, id).orElseThrow();
        assertThat(stored.findSessionByAddress(CUSTOMER).orElseThrow().states()).singleElement()
                .satisfies(state -> assertThat(state.chains().get("receiving").counter()).isEqualTo(chain.counter()));
    }

    /**
     * What decrypting does to a receiving chain (a message key kept for a skipped message, the counter moved on), a
     * message every {@link #BETWEEN_MESSAGES_NANOS}: far more often than a session receives, so writes overlap it often.
     */
    private static void advance(SessionChain chain, AtomicBoolean decrypting) {
        for (int counter = 1; decrypting.get(); counter++) {
            chain.addMessageKey(counter, new byte[80]);
            chain.setCounter(counter);
            chain.removeMessageKey(counter - 1);
            LockSupport.parkNanos(BETWEEN_MESSAGES_NANOS);
        }
    }

    private static Session sessionWith(SessionChain chain) {
        var chains = new ConcurrentHashMap<String, SessionChain>();
        chains.put("receiving", chain);
        var state = new SessionState(3, 1234, new byte[33], new byte[33], chains, new byte[32], null,
                SignalKeyPair.random(), new byte[33], 0, false);
        var session = new Session();
        session.addState(state);
        return session;
    }
}
