package io.kubezap.session.keystore;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two pods of one session against its PostgreSQL (a node came back while the session runs elsewhere): once the second
 * took the key store, the first can neither write it nor pass the check before connecting, and the copy is the
 * second's.
 */
@QuarkusTest
class KeyStoreLeaseTest {

    private static final UUID DEVICE = UUID.randomUUID();

    @Inject
    SessionDb db;

    @AfterEach
    void forgetTheSession() {
        db.useTransaction(handle -> {
            db.update(handle, "delete from key_store_mirrors where namespace = :ns and session = :session").execute();
            db.update(handle, "delete from key_store_leases where namespace = :ns and session = :session").execute();
        });
    }

    @Test
    void thePodThatTookTheSessionLastIsTheOnlyOneThatWritesItsKeysOrConnects() {
        var first = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        var firstCopies = new KeyStoreMirrorRepository(db, first, Clock.systemUTC());
        var second = new KeyStoreLease(db, Clock.systemUTC(), "node-b");
        var secondCopies = new KeyStoreMirrorRepository(db, second, Clock.systemUTC());

        long firstToken = first.take();
        firstCopies.write(copy(1));
        first.check();
        long secondToken = second.take();

        assertThat(secondToken).isGreaterThan(firstToken);
        assertThatThrownBy(() -> firstCopies.write(copy(2))).isInstanceOf(KeyStoreTakenOver.class);
        assertThatThrownBy(first::check).isInstanceOf(KeyStoreTakenOver.class);
        secondCopies.write(copy(3));
        second.check();
        assertThat(secondCopies.read()).get().satisfies(copy -> assertThat(copy.keys()).containsExactly(3));
    }

    @Test
    void aPodThatTookTheSessionAgainAfterARestartIsNotFencedByItsOwnEarlierStart() {
        var pod = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        var copies = new KeyStoreMirrorRepository(db, pod, Clock.systemUTC());

        pod.take();
        pod.take();

        copies.write(copy(4));
        assertThat(copies.read()).get().satisfies(copy -> assertThat(copy.keys()).containsExactly(4));
    }

    private static KeyStoreCopy copy(int generation) {
        return new KeyStoreCopy(DEVICE, new byte[]{(byte) generation}, new byte[]{9},
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
