package io.kubezap.session.e2e;

import io.kubezap.contract.PodEnvironment;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.session.e2e.ShopsOnAHost.Shop;
import io.kubezap.session.testing.TenantLogins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 81: a session host as the operator runs it reaches its database. The packaged pod is started with exactly the
 * environment and mounts of the host StatefulSet the operator renders, its Secrets' keys resolved from the Secrets the
 * operator renders in the namespace ({@link RenderedHost}); the test sets no {@code QUARKUS_DATASOURCE_*} itself and
 * only points the rendered URL at its own PostgreSQL. The database is prepared as a release and the operator prepare
 * it: the schema migrated by the {@code migrate} command, the namespace's role and each session's token from the
 * sessions' database Secrets (record 0017). Both sessions the host's Secret lists are linked by their own QR, store
 * the text sent to each in rows of their own, and keep their key stores in PostgreSQL (storage mode Database).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorRenderedHostIT {

    private static final List<String> OWNERS = List.of("5511999990814", "5511999990815");
    private static final String CUSTOMER = "5511988880816";

    private PodAgainstSimulator world;
    private ShopsOnAHost shops;
    private final List<Shop> onTheHost = new ArrayList<>();
    private String namespace;
    private Map<String, String> environment;
    /** The id of the wrapping key each session's entry names (the namespace's key-wrapping Secret's). */
    private final Map<String, String> wrappingKeyOf = new java.util.HashMap<>();

    @BeforeAll
    void startTheHostTheOperatorRenders() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "operator-rendered-host-it-");
        RenderedHost host = RenderedHost.read();
        namespace = host.namespace();
        world = PodAgainstSimulator.create(work, "host", Map.of());
        world.migrateAsTheReleaseJobDoes();
        prepareLogins(host);
        List<HostSessionFile.Entry> entries = host.entries();
        assertThat(entries).as("the sessions the host's Secret lists").hasSize(OWNERS.size());
        for (int i = 0; i < entries.size(); i++) {
            HostSessionFile.Entry entry = entries.get(i);
            onTheHost.add(new Shop(entry.session(), OWNERS.get(i), entry.settings().get(PodEnvironment.API_KEY)));
            wrappingKeyOf.put(entry.session(), entry.settings().get(PodEnvironment.KEY_WRAPPING_KEYS).split(":")[0]);
            world.createPhone(OWNERS.get(i), "Loja " + entry.session());
        }
        world.createPhone(CUSTOMER, "Cliente");
        environment = host.environment(work.resolve("mounts"));
        environment.replace(PodEnvironment.DATABASE_URL, world.jdbcUrl());
        world.startHost(environment);
        shops = new ShopsOnAHost(world);
    }

    @AfterAll
    void stop() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void eachSessionIsLinkedByItsOwnQr() {
        shops.linkEach(onTheHost);
    }

    @Test
    @Order(2)
    void eachSessionStoresTheTextSentToItInItsOwnRows() throws SQLException {
        shops.eachStoresTheTextSentToItInItsOwnRows(onTheHost.get(0), onTheHost.get(1), CUSTOMER);
    }

    @Test
    @Order(3)
    void eachSessionsKeyStoreIsInTheDatabaseUnderItsOwnName() throws SQLException {
        try (var connection = world.podDatabase().getConnection();
             var statement = connection.prepareStatement(
                     "select distinct session from key_store_entries where namespace = ?")) {
            statement.setString(1, namespace);
            try (var rows = statement.executeQuery()) {
                var sessions = new TreeSet<String>();
                while (rows.next()) {
                    sessions.add(rows.getString(1));
                }
                assertThat(sessions).as("sessions whose WhatsApp keys are rows of the test's PostgreSQL")
                        .containsExactlyElementsOf(onTheHost.stream().map(Shop::session).sorted().toList());
            }
        }
    }

    /** The namespace's key-wrapping Secret reaches each session's entry: each key store is sealed under its key. */
    @Test
    @Order(4)
    void eachSessionsKeyStoreIsSealedUnderTheNamespacesWrappingKey() {
        shops.eachKeyStoreIsSealedUnderItsOwnKey(onTheHost, shop -> wrappingKeyOf.get(shop.session()));
    }

    @Test
    @Order(5)
    void afterTheHostRestartsEachSessionIsLinkedWithoutAQr() throws Exception {
        shops.eachComesBackLinkedWithoutAQr(onTheHost, () -> {
            world.stopPod();
            world.startHost(environment);
        });
    }

    /** As the operator's roles do: the namespace's role with the password its Secrets hold, each session's token. */
    private void prepareLogins(RenderedHost host) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var sql = connection.createStatement()) {
            var roles = new TreeSet<String>();
            for (RenderedHost.Login login : host.logins()) {
                if (roles.add(login.role())) {
                    TenantLogins.createNamespaceRole(sql, login.role(), login.password(), namespace);
                }
                TenantLogins.mapToken(sql, login.token(), namespace, login.session());
            }
        }
    }
}
