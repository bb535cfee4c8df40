package io.kubezap.operator.database;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.kubezap.operator.database.Sql.execute;
import static io.kubezap.operator.database.Sql.strings;
import static io.kubezap.operator.database.Sql.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Row-level security on the real schema: two sessions' roles, created by the operator's {@link SessionRoles}, each
 * logged in with its own credentials as its pod would be. Neither can read, change, delete or forge the other's rows.
 */
class TenantIsolationTest {

    private static final String NS = "shop";
    private static final SessionRoles ROLES = new SessionRoles(new AdminDatabase(MigratedDatabase::admin));

    @BeforeAll
    static void twoSessionsWithAMessageEach() throws SQLException {
        TenantLogins.ensure(ROLES, NS, "alpha");
        TenantLogins.ensure(ROLES, NS, "bravo");
        for (String session : List.of("alpha", "bravo")) {
            try (Connection own = as(session)) {
                execute(own, "delete from messages where namespace = 'shop' and session = '" + session + "'");
                Sql.insertMessage(own, NS, session, session + "-1", "hello from " + session);
            }
        }
    }

    @Test
    void eachSessionReadsOnlyItsOwnRows() throws SQLException {
        for (String session : List.of("alpha", "bravo")) {
            try (Connection own = as(session)) {
                assertThat(strings(own, "select session || '/' || text from messages"))
                        .containsExactly(session + "/hello from " + session);
                assertThat(strings(own, "select session from messages where session <> '" + session + "'")).isEmpty();
                assertThat(strings(own, "select session from kubezap_current_session()")).containsExactly(session);
            }
        }
    }

    @Test
    void noSessionChangesOrDeletesTheOthersRows() throws SQLException {
        try (Connection alpha = as("alpha"); Connection bravo = as("bravo")) {
            assertThat(update(alpha, "update messages set text = 'pwned' where session = 'bravo'")).isZero();
            assertThat(update(alpha, "delete from messages where session = 'bravo'")).isZero();
            assertThat(update(bravo, "update messages set text = 'pwned' where session = 'alpha'")).isZero();
            assertThat(update(bravo, "delete from messages where session = 'alpha'")).isZero();
            assertThat(strings(alpha, "select text from messages")).containsExactly("hello from alpha");
            assertThat(strings(bravo, "select text from messages")).containsExactly("hello from bravo");
        }
    }

    @Test
    void noSessionWritesRowsInTheOthersNameOrMovesItsOwnThere() throws SQLException {
        try (Connection alpha = as("alpha"); Connection bravo = as("bravo")) {
            assertThatThrownBy(() -> Sql.insertMessage(alpha, NS, "bravo", "forged", "from alpha"))
                    .hasMessageContaining("row-level security");
            assertThatThrownBy(() -> Sql.insertMessage(bravo, NS, "alpha", "forged", "from bravo"))
                    .hasMessageContaining("row-level security");
            assertThatThrownBy(() -> update(alpha, "update messages set session = 'bravo'"))
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void sessionRolesCannotChangeTheSchemaOrTheirMapping() throws SQLException {
        try (Connection alpha = as("alpha")) {
            assertThatThrownBy(() -> execute(alpha, "alter table messages disable row level security"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> execute(alpha, "update session_roles set session = 'bravo'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> execute(alpha, "create table mine (id int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    /**
     * Every table, including those later migrations add: RLS enabled and forced, and a policy for session roles.
     * (afterMigrate.sql makes it so; this catches a change that would break it.)
     */
    @Test
    void everyTableHasRowLevelSecurityEnabledForcedAndAPolicyForSessionRoles() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            List<String> tables = strings(admin, """
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind in ('r', 'p') and c.relname <> 'flyway_schema_history'""");
            assertThat(tables).contains("messages", "events", "webhook_deliveries", "session_roles");
            List<String> unprotected = strings(admin, """
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind in ('r', 'p')
                      and c.relname not in ('flyway_schema_history', 'notification_channels', 'namespace_roles', 'session_tokens')
                      and (not c.relrowsecurity or not c.relforcerowsecurity
                           or not exists (select from pg_policies p where p.schemaname = n.nspname and p.tablename = c.relname
                                          and 'kubezap_session' = any (p.roles)))""");
            assertThat(unprotected).as("tables without forced row-level security and a session policy").isEmpty();
            assertThat(strings(admin, "select has_table_privilege('kubezap_session', 'notification_channels',"
                    + " 'select, insert, update, delete, truncate, references, trigger')"))
                    .as("the channels' secret names (V84): no session's, and none may touch them").containsExactly("f");
            for (String operators : List.of("namespace_roles", "session_tokens")) {
                assertThat(strings(admin, "select c.relrowsecurity and c.relforcerowsecurity and not has_table_privilege("
                        + "'kubezap_session', c.oid, 'select, insert, update, delete, truncate, references, trigger')"
                        + " from pg_class c where c.relname = '" + operators + "'"))
                        .as("the operator's %s (V90): forced row-level security, no session's", operators).containsExactly("t");
            }
        }
    }

    static Connection as(String session) throws SQLException {
        return TenantLogins.connect(NS, session);
    }
}
