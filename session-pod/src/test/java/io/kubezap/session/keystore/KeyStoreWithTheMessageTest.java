package io.kubezap.session.keystore;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.kubezap.session.message.IncomingMessageRecorder;
import io.kubezap.session.tenancy.SessionRoleProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.kubezap.session.keystore.KeyStoreEntriesTest.keys;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.names;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.sessions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage mode Database: a received message and the key store entries its decryption changed are one transaction on
 * real PostgreSQL, under the session's own role. Both commit together; and when another pod took the session, the key
 * write is refused and the message is not stored either (the pod that holds the session gets it from WhatsApp).
 */
@QuarkusTest
@TestProfile(SessionRoleProfile.class)
class KeyStoreWithTheMessageTest {

    private static final UUID DEVICE = UUID.randomUUID();
    private static final String ANA = "5511988880091@s.whatsapp.net";

    @Inject
    SessionDb db;

    @Inject
    IncomingMessageRecorder incoming;

    @Inject
    ReceivedMessageTransaction transaction;

    private KeyStoreRowRepository current;

    @AfterEach
    void forgetTheSession() {
        if (current != null) {
            current.delete();
        }
        db.useTransaction(handle -> db.update(handle, "delete from key_store_leases where namespace = :ns and session = :session").execute());
    }

    @Test
    void theMessageAndTheKeysItMovedOnAreOneTransaction() throws IOException {
        var lease = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        lease.take();
        current = rows(lease);
        current.write(copy(keys(sessions(3), 7)));
        var movedOn = keys(sessions(4), 7);

        boolean joined = transaction.around(current.joining(() -> Optional.of(copy(movedOn))).orElseThrow(),
                () -> incoming.received(text("WJ1", "a chave andou com esta mensagem")));

        assertThat(joined).as("the message's transaction took the key write").isTrue();
        assertThat(current.read()).get().satisfies(copy -> assertThat(names(copy.keys())).isEqualTo(names(movedOn)));
        var messageTransaction = messageXmin("WJ1");
        assertThat(messageTransaction).as("the message is stored").isPresent();
        assertThat(keyRowsWrittenBy(messageTransaction.get())).as("the changed entry, written in the message's transaction")
                .isNotEmpty();
    }

    @Test
    void aMessageWhoseKeyWriteIsFencedIsNotStoredEither() throws IOException {
        var stale = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        stale.take();
        var staleRows = rows(stale);
        staleRows.write(copy(keys(sessions(3), 7)));
        var newer = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        current = rows(newer);
        newer.take();

        var movedOn = copy(keys(sessions(4), 7));
        boolean joined = transaction.around(staleRows.joining(() -> Optional.of(movedOn)).orElseThrow(),
                () -> assertThatThrownBy(() -> incoming.received(text("WF1", "chegou ao pod errado")))
                        .isInstanceOf(KeyStoreTakenOver.class));

        assertThat(joined).isFalse();
        assertThat(messageXmin("WF1")).as("the message is not stored by the pod that lost the session").isEmpty();
    }

    @Test
    void aKeyWriteTheDatabaseRefusesRollsTheMessageBackToo() {
        var stale = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        long staleToken = stale.take();
        var newer = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        current = rows(newer);
        newer.take();
        var ended = new AtomicBoolean();

        // a stale pod's write past its own check, with its old token: the trigger on the lease's token refuses it
        boolean joined = transaction.around(new ReceivedMessageTransaction.JoiningWrite() {
            @Override
            public void begin() {
            }

            @Override
            public void write(Handle handle) {
                db.query(handle, "select set_config('kubezap.key_store_token', :token, true)")
                        .bind("token", String.valueOf(staleToken)).mapTo(String.class).one();
                db.update(handle, "insert into key_store_entries (namespace, session, device, file, entry, position, value,"
                        + " written_at) values (:ns, :session, '" + DEVICE + "', 'keys', 'stale', 1, '\\x0807', now())").execute();
            }

            @Override
            public void ended(boolean committed) {
                ended.set(!committed);
            }

            @Override
            public boolean refusesTheMessage(RuntimeException failure) {
                return KeyStoreLease.fenced(failure);
            }
        }, () -> assertThatThrownBy(() -> incoming.received(text("WF2", "também não")))
                .satisfies(refused -> assertThat(KeyStoreFenceTest.sqlState(refused)).isEqualTo("KZ002")));

        assertThat(joined).isFalse();
        assertThat(ended).as("the write was told its transaction rolled back").isTrue();
        assertThat(messageXmin("WF2")).as("the message is not stored").isEmpty();
    }

    private KeyStoreRowRepository rows(KeyStoreLease lease) {
        return new KeyStoreRowRepository(db, lease, new KeyStoreMirrorRepository(db, lease), KeyStoreSealing.off());
    }

    private Optional<String> messageXmin(String waId) {
        return db.read(handle -> db.query(handle, "select xmin::text from messages where namespace = :ns and session = :session"
                + " and wa_message_id = :waId").bind("waId", waId).mapTo(String.class).findOne());
    }

    private List<String> keyRowsWrittenBy(String xmin) {
        return db.read(handle -> db.query(handle, "select entry from key_store_entries where namespace = :ns"
                + " and session = :session and xmin::text = :xmin").bind("xmin", xmin).mapTo(String.class).list());
    }

    private static EngineEvent.IncomingMessage text(String waId, String text) {
        return new EngineEvent.IncomingMessage(waId, ANA, ANA, "Ana", new MessageContent.Text(text), null, List.of(),
                Instant.now(), false, null);
    }

    private static KeyStoreCopy copy(byte[] keys) {
        return new KeyStoreCopy(DEVICE, keys, new byte[]{0x0a, 0x01, 'x'}, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
