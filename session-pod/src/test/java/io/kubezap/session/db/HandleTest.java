package io.kubezap.session.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pod's statements on plain JDBC against a real PostgreSQL: binding, mapping, transactions, resources. */
class HandleTest {

    private static EmbeddedPostgres postgres;

    private final AtomicInteger open = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("""
                    create table things (id bigserial primary key, name text, n integer, big bigint, flag boolean,
                        at timestamptz, doc jsonb, tags text[])""");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void empty() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("truncate things");
        }
    }

    @Test
    void bindsEachTypeTheCodeBindsAndReadsItBack() {
        Instant at = Instant.parse("2026-11-26T10:15:30.123456Z");
        try (Handle handle = handle()) {
            long id = handle.createUpdate("""
                            insert into things (name, n, big, flag, at, doc, tags)
                            values (:name, :n, :big, :flag, :at, cast(:doc as jsonb), :tags)""")
                    .bind("name", "it's :not a param").bind("n", 7).bind("big", 1L << 40).bind("flag", true)
                    .bind("at", at).bind("doc", "{\"k\": 1}").bindArray("tags", String.class, List.of("a", "b"))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();

            var row = handle.createQuery("select name, n, big, flag, at, doc::text, tags from things where id = :id")
                    .bind("id", id)
                    .map(rs -> List.of(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getBoolean(4),
                            SessionDb.instant(rs, "at"), rs.getString(6), List.of((String[]) rs.getArray(7).getArray())))
                    .one();
            assertThat(row).containsExactly("it's :not a param", 7, 1L << 40, true, at, "{\"k\": 1}", List.of("a", "b"));
            assertThat(handle.createQuery("select at from things where id = :id").bind("id", id).mapTo(Instant.class).one())
                    .isEqualTo(at);
        }
    }

    @Test
    void aNulInAStringOrAnArrayIsStoredAsTheReplacementCharacter() {
        try (Handle handle = handle()) {
            handle.createUpdate("insert into things (name, tags) values (:name, :tags)")
                    .bind("name", "a\0b").bindArray("tags", String.class, "c\0", "d").execute();

            assertThat(handle.createQuery("select name || tags[1] || tags[2] from things").mapTo(String.class).one())
                    .isEqualTo("a\uFFFDbc\uFFFDd");
        }
    }

    @Test
    void aNullTakesTheSqlTypeOfWhatItWasBoundAs() {
        try (Handle handle = handle()) {
            assertThat(type(handle.createQuery("select pg_typeof(:v)::text").bind("v", (String) null)))
                    .isEqualTo("character varying");
            assertThat(type(handle.createQuery("select pg_typeof(:v)::text").bind("v", (Integer) null))).isEqualTo("integer");
            assertThat(type(handle.createQuery("select pg_typeof(:v)::text").bind("v", (Long) null))).isEqualTo("bigint");
            assertThat(type(handle.createQuery("select pg_typeof(:v)::text").bind("v", (Boolean) null))).isEqualTo("boolean");
            // untyped, and an Instant bound by type: PostgreSQL infers the column's type
            handle.createUpdate("insert into things (at, doc) values (:at, :doc)")
                    .bindByType("at", null, Instant.class).bind("doc", (Object) null).execute();
            assertThat(handle.createQuery("select count(*) from things where at is null and doc is null")
                    .mapTo(Long.class).one()).isEqualTo(1L);
            assertThat(handle.createQuery("select at from things").mapTo(Instant.class).findOne()).isEmpty();
        }
    }

    @Test
    void postgresQuestionMarkOperatorsWorkDoubled() {
        try (Handle handle = handle()) {
            var answers = handle.createQuery("""
                            select cast(:doc as jsonb) ?? 'a', cast(:doc as jsonb) ??| array['x', 'b'],
                                   cast(:doc as jsonb) ??& :keys""")
                    .bind("doc", "{\"a\": 1, \"b\": 2}").bindArray("keys", String.class, "a", "z")
                    .map(rs -> List.of(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).one();

            assertThat(answers).containsExactly(true, true, false);
        }
    }

    @Test
    void numberArraysBindAsIntegerAndBigint() {
        try (Handle handle = handle()) {
            handle.createUpdate("insert into things (n, big) values (1, 10), (2, 20), (3, 30)").execute();

            assertThat(handle.createQuery("select n from things where n = any(:ns) and big = any(:bigs) order by n")
                    .bindArray("ns", Integer.class, List.of(1, 3)).bindArray("bigs", Long.class, List.of(10L, 30L))
                    .mapTo(Integer.class).list()).containsExactly(1, 3);
        }
    }

    @Test
    void oneAndFindOneRefuseSeveralRowsAndFindFirstTakesTheFirst() {
        try (Handle handle = handle()) {
            handle.createUpdate("insert into things (n) values (1), (2)").execute();
            Query both = handle.createQuery("select n from things order by n");

            assertThat(both.mapTo(Integer.class).findFirst()).contains(1);
            assertThatThrownBy(() -> both.mapTo(Integer.class).one()).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> both.mapTo(Integer.class).findOne()).isInstanceOf(IllegalStateException.class);
            assertThat(handle.createQuery("select n from things where n > :n").bind("n", 5).mapTo(Integer.class).findOne())
                    .isEmpty();
            assertThatThrownBy(() -> handle.createQuery("select n from things where n > 5").mapTo(Integer.class).one())
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(open).hasValue(0);
    }

    @Test
    void aTransactionCommitsWhenItsWorkReturnsAndRunsWhatWaitsForTheCommit() throws SQLException {
        List<String> after = new ArrayList<>();
        try (Handle handle = handle()) {
            long written = handle.inTransaction(tx -> {
                assertThat(tx.isInTransaction()).isTrue();
                tx.afterCommit(() -> after.add("committed"));
                tx.createUpdate("insert into things (n) values (:n)").bind("n", 1).execute();
                assertThat(after).isEmpty();
                return count(tx);
            });

            assertThat(written).isEqualTo(1);
            assertThat(after).containsExactly("committed");
            assertThat(handle.isInTransaction()).isFalse();
        }
        assertThat(countElsewhere()).isEqualTo(1);
    }

    @Test
    void aTransactionRollsBackOnAnyThrowableRethrowsItAndRestoresAutocommit() throws SQLException {
        List<String> after = new ArrayList<>();
        try (Handle handle = handle()) {
            IllegalStateException boom = new IllegalStateException("boom");
            assertThatThrownBy(() -> handle.inTransaction(tx -> {
                tx.afterCommit(() -> after.add("committed"));
                tx.createUpdate("insert into things (n) values (1)").execute();
                throw boom;
            })).isSameAs(boom);
            AssertionError error = new AssertionError("an error");
            assertThatThrownBy(() -> handle.inTransaction(tx -> {
                tx.createUpdate("insert into things (n) values (2)").execute();
                throw error;
            })).isSameAs(error);

            assertThat(after).isEmpty();
            assertThat(handle.isInTransaction()).isFalse();
            assertThat(handle.connection().getAutoCommit()).isTrue();
            assertThat(count(handle)).isZero();
        }
        assertThat(countElsewhere()).isZero();
    }

    @Test
    void aFailedStatementIsADatabaseExceptionWithTheDriversCauseAndItsStatementIsClosed() {
        try (Handle handle = handle()) {
            assertThatThrownBy(() -> handle.createUpdate("insert into things (n) values (:n)").bind("n", "x").execute())
                    .isInstanceOf(DatabaseException.class)
                    .cause().isInstanceOf(SQLException.class)
                    .satisfies(cause -> assertThat(((SQLException) cause).getSQLState()).isEqualTo("42804"));
            assertThatThrownBy(() -> handle.createQuery("select n from things where n = :n").mapTo(Integer.class).list())
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("'n'");
            assertThatThrownBy(() -> handle.createQuery("select 1").bind("n", 1).mapTo(Integer.class).list())
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("[n]");
            handle.createUpdate("insert into things (n) values (1)").execute();
            RuntimeException mapperFailure = new RuntimeException("mapper");
            assertThatThrownBy(() -> handle.createQuery("select n from things").map(rs -> {
                throw mapperFailure;
            }).list()).isSameAs(mapperFailure);
        }
        assertThat(open).hasValue(0);
    }

    @Test
    void noConnectionIsToldApartFromAFailedStatement() {
        var unreachable = new DatabaseException.NoConnection(new SQLException("Acquisition timeout"));
        var failed = new DatabaseException("Statement failed", new SQLException("syntax error", "42601"));

        assertThat(DatabaseFailures.unavailable(new RuntimeException(unreachable))).isPresent();
        assertThat(DatabaseFailures.unavailable(failed)).isEmpty();
    }

    private static String type(Query query) {
        return query.mapTo(String.class).one();
    }

    private static long count(Handle handle) {
        return handle.createQuery("select count(*) from things").mapTo(Long.class).one();
    }

    private long countElsewhere() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select count(*) from things")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A handle on a connection that counts the statements and result sets left open. */
    private Handle handle() {
        try {
            return new Handle(counting(postgres.getPostgresDatabase().getConnection()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection counting(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (result instanceof PreparedStatement statement) {
                        open.incrementAndGet();
                        return track(statement, PreparedStatement.class);
                    }
                    return result;
                });
    }

    @SuppressWarnings("unchecked")
    private <T> T track(T real, Class<T> type) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
                open.decrementAndGet();
            }
            Object result = invoke(real, method, args);
            if (result instanceof ResultSet rs && (method.getName().equals("getResultSet")
                    || method.getName().equals("getGeneratedKeys") || method.getName().equals("executeQuery"))) {
                open.incrementAndGet();
                return track(rs, ResultSet.class);
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
