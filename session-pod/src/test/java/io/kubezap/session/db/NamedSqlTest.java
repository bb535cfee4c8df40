package io.kubezap.session.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamedSqlTest {

    @Test
    void namesBecomePlaceholdersInOrderAndRepeatedNamesEachTakeOne() {
        NamedSql sql = NamedSql.parse("select * from t where ns = :ns and (a = :a or b = :a) limit :limit");

        assertThat(sql.jdbc()).isEqualTo("select * from t where ns = ? and (a = ? or b = ?) limit ?");
        assertThat(sql.names()).containsExactly("ns", "a", "a", "limit");
    }

    @Test
    void castsAreNotParameters() {
        NamedSql sql = NamedSql.parse("select :payload::jsonb, payload::text, cast(:at as timestamptz)");

        assertThat(sql.jdbc()).isEqualTo("select ?::jsonb, payload::text, cast(? as timestamptz)");
        assertThat(sql.names()).containsExactly("payload", "at");
    }

    @Test
    void stringLiteralsAndQuotedIdentifiersAreKeptAsWritten() {
        NamedSql sql = NamedSql.parse("select 'it''s :not' || \"col:umn\" || E'\\':no' || :yes from \"t\"\"x\"");

        assertThat(sql.jdbc()).isEqualTo("select 'it''s :not' || \"col:umn\" || E'\\':no' || ? from \"t\"\"x\"");
        assertThat(sql.names()).containsExactly("yes");
    }

    @Test
    void commentsAreKeptAsWritten() {
        NamedSql sql = NamedSql.parse("select :a -- :b isn't here\n, /* :c nor 'here */ :d");

        assertThat(sql.jdbc()).isEqualTo("select ? -- :b isn't here\n, /* :c nor 'here */ ?");
        assertThat(sql.names()).containsExactly("a", "d");
    }

    @Test
    void doubledQuestionMarksAreThePostgresOperatorsForTheDriver() {
        NamedSql sql = NamedSql.parse("select :doc::jsonb ?? 'k', :doc::jsonb ??| :keys, :doc::jsonb ??& array['a']");

        assertThat(sql.jdbc()).isEqualTo("select ?::jsonb ?? 'k', ?::jsonb ??| ?, ?::jsonb ??& array['a']");
        assertThat(sql.names()).containsExactly("doc", "doc", "keys", "doc");
    }

    @Test
    void aLoneQuestionMarkIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("select payload ? 'k' from t where id = :id"))
                .isInstanceOf(DatabaseException.class).hasMessageContaining("??");
    }

    @Test
    void aColonThatStartsNoNameAndAnEscapedColonAreText() {
        NamedSql sql = NamedSql.parse("select 'a' || ': ' || :b, x\\:y, 1 : 2");

        assertThat(sql.jdbc()).isEqualTo("select 'a' || ': ' || ?, x:y, 1 : 2");
        assertThat(sql.names()).isEqualTo(List.of("b"));
    }

    @Test
    void anUnterminatedLiteralIsRefused() {
        assertThatThrownBy(() -> NamedSql.parse("select 'open :a")).isInstanceOf(DatabaseException.class);
    }
}
