package io.kubezap.session.tenancy;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack on the database (issue 71, item 4): someone who reads the tables, or a dump of them (as pg_dump writes
 * their data), finds the session's WhatsApp keys nowhere in the clear. The pod, with the cluster's wrapping key set and
 * its own session role on real PostgreSQL, copies a key store holding a random identity key; the admin then reads the
 * row and every table. The pod still reads its copy back whole.
 */
@QuarkusTest
@TestProfile(SealedKeyStoreProfile.class)
class SealedKeyStoreCopyTest {

    @Inject
    KeyStoreMirror mirror;

    @Test
    void theKeyStoresCopyIsInNeitherItsRowNorTheDumpInTheClearAndTheSessionReadsItBackWhole() throws Exception {
        var identityKey = random(32);
        var keys = ByteBuffer.allocate(64).put(random(16)).put(identityKey).put(random(16)).array();
        var store = random(48);
        var copy = new KeyStoreCopy(UUID.randomUUID(), keys, store, Instant.now().truncatedTo(ChronoUnit.MICROS));

        mirror.take();
        mirror.changed(() -> Optional.of(copy));
        assertThat(mirror.flush(Duration.ofSeconds(20))).as("the copy was written").isTrue();

        var row = rowAsTheAdminReadsIt();
        assertThat(HexFormat.of().formatHex(row)).as("the row is there").isNotEmpty()
                .doesNotContain(HexFormat.of().formatHex(identityKey));
        assertThat(dump()).as("the database's dump").contains("key_store_mirrors")
                .doesNotContain(HexFormat.of().formatHex(identityKey))
                .doesNotContain(HexFormat.of().formatHex(store, 0, 24));
        assertThat(mirror.read()).get().satisfies(read -> {
            assertThat(read.keys()).isEqualTo(keys);
            assertThat(read.store()).isEqualTo(store);
        });
    }

    private static byte[] rowAsTheAdminReadsIt() throws SQLException {
        try (var admin = SessionRolePostgres.admin(); var sql = admin.createStatement();
             var rows = sql.executeQuery("select keys || store from key_store_mirrors where namespace = 'shop' and session = 'loja-01'")) {
            assertThat(rows.next()).as("the session's copy").isTrue();
            return rows.getBytes(1);
        }
    }

    /** Every table's data as pg_dump writes it ({@code COPY ... TO STDOUT}). */
    private static String dump() throws SQLException, java.io.IOException {
        var dump = new StringWriter();
        try (var admin = SessionRolePostgres.admin()) {
            var tables = new java.util.ArrayList<String>();
            try (var sql = admin.createStatement(); var rows = sql.executeQuery("select format('%I.%I', schemaname, tablename)"
                    + " from pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            var copy = admin.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                dump.append("COPY ").append(table).append(" FROM stdin;\n");
                copy.copyOut("COPY " + table + " TO STDOUT", dump);
            }
        }
        return dump.toString();
    }

    private static byte[] random(int size) {
        var bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
