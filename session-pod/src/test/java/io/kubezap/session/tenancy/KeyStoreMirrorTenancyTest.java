package io.kubezap.session.tenancy;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.keystore.KeyStoreMirrorRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key store's copy under the session's own role and row-level security: the pod writes, reads back and deletes
 * its own copy, and never sees or touches another tenant's WhatsApp keys.
 */
@QuarkusTest
@TestProfile(SessionRoleProfile.class)
class KeyStoreMirrorTenancyTest {

    @Inject
    KeyStoreMirrorRepository copies;

    @Test
    void theSessionRoleKeepsItsOwnCopyAndNeverReadsOrDeletesAnotherTenants() throws SQLException {
        assertThat(copies.read()).as("the other tenants' copies are not this session's").isEmpty();

        var device = UUID.randomUUID();
        var written = Instant.now().truncatedTo(ChronoUnit.MICROS);
        copies.write(new KeyStoreCopy(device, new byte[]{1, 2, 3}, new byte[]{4, 5}, written));
        copies.write(new KeyStoreCopy(device, new byte[]{1, 2, 3, 4}, new byte[]{5}, written));

        assertThat(copies.read()).get().satisfies(copy -> {
            assertThat(copy.device()).isEqualTo(device);
            assertThat(copy.keys()).containsExactly(1, 2, 3, 4);
            assertThat(copy.store()).containsExactly(5);
            assertThat(copy.writtenAt()).isEqualTo(written);
        });

        copies.delete();
        assertThat(copies.read()).isEmpty();
        assertThat(foreignCopies()).as("the other tenants' copies survive").isEqualTo(SessionRolePostgres.OTHERS.size());
    }

    private static int foreignCopies() throws SQLException {
        try (var admin = SessionRolePostgres.admin(); var sql = admin.createStatement();
             var rows = sql.executeQuery("select count(*) from key_store_mirrors where keys = '\\x"
                     + SessionRolePostgres.FOREIGN_KEYS + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
