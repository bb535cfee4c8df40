package io.kubezap.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 1: expand/contract (docs/upgrades.md). A migration may take nothing from the release before (no drop,
 * rename, not null or type change on what it has), so that after {@code helm rollback} by one release its pods still
 * run on the newer schema. What the release before no longer used may go, one release later: such a script is listed
 * here with what it contracts, and raises the schema's compatibility marker past the release that still used it.
 * No migration up to 0.1.0 (V1–V75) contracted anything.
 */
class ContractingMigrationsTest {

    /**
     * Contractions allowed, each the script and the tables/columns it takes: only what the previous release (the
     * fixture {@value PreviousRelease#STATEMENTS}) no longer names. Empty so far.
     */
    static final Map<String, Set<String>> CONTRACTED = Map.of();

    private static final Pattern MARKER_COMMENT = Pattern.compile("^comment on table flyway_schema_history is '([^']*)'$");

    @Test
    void noMigrationTakesAnythingTheReleaseBeforeStillUses() throws IOException {
        Map<String, List<ContractingStatements.Contraction>> contracting = new LinkedHashMap<>();
        for (String script : MigrationScripts.sql()) {
            List<ContractingStatements.Contraction> found = ContractingStatements.in(MigrationScripts.read(script));
            Set<String> allowed = CONTRACTED.getOrDefault(script, Set.of());
            List<ContractingStatements.Contraction> unlisted = found.stream().filter(c -> !allowed.contains(c.what())).toList();
            if (!unlisted.isEmpty()) {
                contracting.put(script, unlisted);
            }
        }
        assertThat(contracting).as("migrations that contract what the release before still reads or writes").isEmpty();
    }

    @Test
    void aContractingMigrationStopsServingTheReleaseThatUsedWhatItTook() throws IOException {
        BigInteger previousRelease = new BigInteger(PreviousRelease.schema());
        for (String script : CONTRACTED.keySet()) {
            assertThat(marker(MigrationScripts.read(script))).as(script + " sets the compatibility marker")
                    .hasValueSatisfying(from -> assertThat(new BigInteger(from)).isGreaterThanOrEqualTo(previousRelease));
        }
    }

    @Test
    void theMarkerNeverGoesBackNorPromisesWhatItIsNot() throws IOException {
        BigInteger last = BigInteger.ZERO;
        for (String script : MigrationScripts.sql()) {
            Optional<String> from = marker(MigrationScripts.read(script));
            if (from.isPresent()) {
                BigInteger version = new BigInteger(from.get());
                assertThat(version).as(script).isGreaterThanOrEqualTo(last).isLessThan(MigrationScripts.version(script));
                last = version;
            }
        }
        assertThat(last).as("the head's marker serves the previous release, whose pods a rollback starts on it")
                .isPositive().isLessThanOrEqualTo(new BigInteger(PreviousRelease.schema()));
    }

    @Test
    void theRulesCatchWhatContracts() {
        assertThat(whats("alter table messages drop column push_name;")).containsExactly("messages.push_name drop column");
        assertThat(whats("alter table messages drop push_name, add column x text;")).containsExactly("messages.push_name drop column");
        assertThat(whats("drop table if exists calls;")).containsExactly("calls drop table");
        assertThat(whats("alter table calls rename column video to is_video;")).containsExactly("calls.video rename column");
        assertThat(whats("alter table calls rename to phone_calls;")).containsExactly("calls rename table");
        assertThat(whats("alter table calls alter column status set not null;")).containsExactly("calls.status set not null");
        assertThat(whats("alter table calls alter column offline type integer using offline::int;")).containsExactly("calls.offline type change");
        assertThat(whats("alter table calls alter offline set data type integer;")).containsExactly("calls.offline type change");
        assertThat(whats("alter table calls add column region text, drop constraint calls_status_check;")).as("expanding").isEmpty();
        assertThat(whats("alter table calls alter column status drop not null;")).as("relaxing").isEmpty();
        assertThat(whats("create table fresh (namespace text, session text); alter table fresh drop column session;")).isEmpty();
        assertThat(whats("-- alter table calls drop column video;\nselect 1;")).isEmpty();
    }

    private static List<String> whats(String sql) {
        return ContractingStatements.in(sql).stream().map(c -> c.what() + " " + c.rule()).toList();
    }

    private static Optional<String> marker(String script) {
        return FleetBlockingStatements.statements(script).stream().map(MARKER_COMMENT::matcher).filter(Matcher::matches)
                .reduce((first, second) -> second).flatMap(m -> SchemaCompatibility.compatibleFrom(m.group(1)));
    }
}
