package io.kubezap.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a migration script for what the release before could no longer run against (expand/contract,
 * docs/upgrades.md): a table or a column dropped or renamed, a column made not null or given another type. Tables the
 * same script creates are nobody's yet. Works on the text, as {@link FleetBlockingStatements} does.
 */
final class ContractingStatements {

    /** What a statement takes from the release before: {@code table} or {@code table.column}. */
    record Contraction(String what, String rule, String statement) {
        @Override
        public String toString() {
            return what + " (" + rule + "): " + statement;
        }
    }

    private static final Pattern CREATED_TABLE = Pattern.compile("create table (?:if not exists )?(\\w+)");
    private static final Pattern DROP_TABLE = Pattern.compile("^drop table (?:if exists )?(\\w+(?:, ?\\w+)*)");
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?(\\w+) (.*)$");
    /** Each action of an {@code alter table}, from its start, to what it contracts (group 1: the column). */
    private static final Map<String, Pattern> COLUMN_RULES = Map.of(
            "drop column", Pattern.compile("drop (?:column )?(?:if exists )?(?!constraint\\b)(\\w+)"),
            "rename column", Pattern.compile("rename (?:column )?(?!to\\b|constraint\\b)(\\w+) to "),
            "set not null", Pattern.compile("alter (?:column )?(\\w+) set not null"),
            "type change", Pattern.compile("alter (?:column )?(\\w+) (?:set data )?type "));

    private ContractingStatements() {
    }

    static List<Contraction> in(String script) {
        List<String> statements = FleetBlockingStatements.statements(script);
        Set<String> created = statements.stream().map(CREATED_TABLE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        List<Contraction> found = new ArrayList<>();
        for (String statement : statements) {
            Matcher drop = DROP_TABLE.matcher(statement);
            if (drop.find()) {
                for (String table : drop.group(1).split(", ?")) {
                    if (!created.contains(table)) {
                        found.add(new Contraction(table, "drop table", statement));
                    }
                }
            }
            Matcher alter = ALTER_TABLE.matcher(statement);
            if (alter.find() && !created.contains(alter.group(1))) {
                alterations(alter.group(1), alter.group(2), statement, found);
            }
        }
        return found;
    }

    private static void alterations(String table, String actions, String statement, List<Contraction> found) {
        if (actions.startsWith("rename to ")) {
            found.add(new Contraction(table, "rename table", statement));
        }
        for (String action : actions.split(",(?![^(]*\\))")) {
            COLUMN_RULES.forEach((rule, pattern) -> {
                Matcher matcher = pattern.matcher(action.strip());
                if (matcher.lookingAt()) {
                    found.add(new Contraction(table + "." + matcher.group(1), rule, statement));
                }
            });
        }
    }
}
