package io.kubezap.operator.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.kubezap.operator.database.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The operator's admin connections: a few, kept between uses, given up when idle, rotated or broken. */
class AdminDatabaseTest {

    @Test
    void theRolesOfSeveralSessionsAreMadeOverOneLogin() throws SQLException {
        String application = "kubezap-admin-" + ProcessHandle.current().pid();
        var roles = new SessionRoles(new AdminDatabase(() -> as(application)));

        TenantLogins.ensure(roles, "logins", "one");
        TenantLogins.ensure(roles, "logins", "two");
        TenantLogins.ensure(roles, "logins-too", "three");

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select pid from pg_stat_activity where application_name = '" + application + "'"))
                    .hasSize(1);
        }
    }

    @Test
    void aRotatedCredentialLogsInAnew() throws SQLException {
        AtomicReference<AdminCredentials> current = new AtomicReference<>(as("before-rotation"));
        var database = new AdminDatabase(current::get);

        String first = database.use(AdminDatabaseTest::backend);
        current.set(as("after-rotation"));
        String second = database.use(AdminDatabaseTest::backend);

        assertThat(second).isNotEqualTo(first);
        assertThat(database.logins()).isEqualTo(2);
    }

    @Test
    void aFailureGivesTheConnectionUpAndAutoCommitIsBackAfterEveryUse() throws SQLException {
        var database = new AdminDatabase(MigratedDatabase::admin);
        String before = database.use(connection -> {
            connection.setAutoCommit(false);
            return backend(connection);
        });

        assertThat(database.use(Connection::getAutoCommit)).isTrue();
        assertThatThrownBy(() -> database.use(connection -> strings(connection, "select * from no_such_table")))
                .isInstanceOf(SQLException.class);
        assertThat(database.use(AdminDatabaseTest::backend)).isNotEqualTo(before);
    }

    @Test
    void anIdleConnectionIsClosed() throws SQLException {
        var database = new AdminDatabase(MigratedDatabase::admin, Duration.ofMillis(100));
        database.use(AdminDatabaseTest::backend);

        await().atMost(Duration.ofSeconds(10)).until(() -> database.openConnections() == 0);
        database.use(AdminDatabaseTest::backend);
        assertThat(database.logins()).isEqualTo(2);
    }

    @Test
    void atMostThreeAreOpenAtOnceAndTheOthersWaitTheirTurn() throws Exception {
        var database = new AdminDatabase(MigratedDatabase::admin);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(AdminDatabase.MAX + 2);
        for (int i = 0; i < AdminDatabase.MAX + 2; i++) {
            threads.submit(() -> database.use(connection -> {
                most.accumulateAndGet(busy.incrementAndGet(), Math::max);
                gate.join();
                busy.decrementAndGet();
                return backend(connection);
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> busy.get() == AdminDatabase.MAX);

        gate.complete(null);
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most).hasValue(AdminDatabase.MAX);
        assertThat(database.logins()).isEqualTo(AdminDatabase.MAX);
    }

    private static AdminCredentials as(String application) {
        AdminCredentials admin = MigratedDatabase.admin();
        return new AdminCredentials(admin.jdbcUrl() + "?ApplicationName=" + application, admin.username(), admin.password());
    }

    private static String backend(Connection connection) throws SQLException {
        return strings(connection, "select pg_backend_pid()::text").getFirst();
    }
}
