package io.kubezap.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a migration script as a reviewer would for a live fleet: every statement that, on a shared table with every
 * tenant writing to it, takes a lock they would feel for longer than a catalogue change (a table scan or rewrite, or an
 * index build, under a lock that queues their inserts), with what to write instead. Tables the same script creates are
 * empty and nobody's yet: statements on them are fine. Works on the text (comments removed), which is what migrations
 * here are: one DDL statement each, no dynamic SQL naming shared tables.
 */
final class FleetBlockingStatements {

    record Finding(String rule, String statement) {
        @Override
        public String toString() {
            return rule + ": " + statement;
        }
    }

    private static final Pattern CREATED_TABLE = Pattern.compile("create table (?:if not exists )?(\\w+)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^create (?:unique )?index (?!concurrently)(?:if not exists )?\\w* ?on (?:only )?(\\w+)");
    private static final Pattern ALTER_TABLE = Pattern.compile("^alter table (?:if exists )?(?:only )?(\\w+) (.*)$");
    private static final Pattern VOLATILE_DEFAULT = Pattern.compile(
            "add column [^,]*?(?:default [^,]*?(?:now\\(|current_timestamp|clock_timestamp|random\\(|gen_random_uuid|uuid_generate|nextval\\()"
                    + "|\\b(?:small|big)?serial\\b|generated always as \\()");
    private static final Pattern WRITE_ALL = Pattern.compile("^(?:update (\\w+) set|delete from (\\w+))");

    private FleetBlockingStatements() {
    }

    static List<Finding> in(String script) {
        List<String> statements = statements(script);
        Set<String> created = statements.stream().map(CREATED_TABLE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        boolean validatesFirst = statements.stream().anyMatch(statement -> statement.contains("validate constraint"));
        List<Finding> findings = new ArrayList<>();
        for (String statement : statements) {
            check(statement, created, validatesFirst, findings);
        }
        return findings;
    }

    /** A Flyway callback ({@code afterMigrate.sql}, {@code beforeMigrate.sql}…) or a repeatable script ({@code R__x.sql}). */
    static boolean runsOnEveryMigrate(String script) {
        return script.matches("(?:(?:before|after)\\w*|R__.*)\\.sql");
    }

    private static final Pattern EXECUTE = Pattern.compile("\\bexecute (?!function |procedure )([^;]*)");
    private static final Pattern PLANNED = Pattern.compile("^(?:change ->> 'statement'|format\\('lock table %i in %s mode nowait'.*)$");

    /**
     * A script that runs on every migrate, even one with nothing to apply (issue 71): it may change a table only
     * through the plan of changes a block applies (each one NOWAIT, under lock_timeout, in a transaction of its own),
     * never with a statement of its own, which would take its lock on every run whether or not it changes anything.
     */
    static List<Finding> onEveryMigrate(String script) {
        List<Finding> findings = new ArrayList<>(in(script));
        for (String statement : statements(script)) {
            if (!statement.startsWith("do $$")) {
                findings.add(new Finding("a statement of its own in a script that runs on every migrate (takes its lock every time: plan it in the block, applied only when it differs)", statement));
                continue;
            }
            Matcher execute = EXECUTE.matcher(statement);
            while (execute.find()) {
                if (!PLANNED.matcher(execute.group(1).strip()).matches()) {
                    findings.add(new Finding("DDL executed directly on every migrate (queues its lock ahead of every writer: add it to the plan of changes)", "execute " + execute.group(1)));
                }
            }
            if (statement.contains("execute ") && !statement.contains("set_config('lock_timeout'")) {
                findings.add(new Finding("changes applied without a lock_timeout", statement.substring(0, Math.min(80, statement.length()))));
            }
        }
        return findings;
    }

    private static final Pattern TABLE_LOCK = Pattern.compile(
            "^(?:alter table (?:if exists )?(?:only )?|(?:create|alter|drop) (?:policy|trigger) (?:if exists )?\\w+ on |drop table (?:if exists )?|truncate (?:table )?|lock table )(\\w+)");

    /**
     * Whether a script queues for a lock on a table it did not create (an ALTER TABLE, a policy, a trigger, a drop, or
     * dynamic SQL in a block): from V90 on, such a script sets {@code set local lock_timeout} first, so that behind an
     * open transaction or a pg_dump it fails in seconds (the migration Job retries it) instead of holding every
     * writer of that table in the queue behind it.
     */
    static boolean waitsForATableLock(String script) {
        List<String> statements = statements(script);
        Set<String> created = statements.stream().map(CREATED_TABLE::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        return statements.stream().anyMatch(statement -> {
            Matcher lock = TABLE_LOCK.matcher(statement);
            return lock.find() && !created.contains(lock.group(1))
                    || statement.startsWith("do $$") && EXECUTE.matcher(statement).find();
        });
    }

    static boolean setsALockTimeout(String script) {
        return statements(script).stream().anyMatch(statement -> statement.matches("^set local lock_timeout\\b.*"));
    }

    private static void check(String statement, Set<String> created, boolean validatesFirst, List<Finding> findings) {
        Matcher index = CREATE_INDEX.matcher(statement);
        if (index.find() && !created.contains(index.group(1))) {
            findings.add(new Finding("create index without concurrently (blocks every insert while it builds)", statement));
        }
        if (statement.startsWith("drop index") && !statement.startsWith("drop index concurrently")) {
            findings.add(new Finding("drop index without concurrently (waits for every reader, and queues every writer behind it)", statement));
        }
        if (statement.matches("^(reindex (?!.*concurrently).*|cluster\\b.*|vacuum full\\b.*|lock table\\b.*|refresh materialized view (?!concurrently).*)")) {
            findings.add(new Finding("a rewrite or an explicit lock of the whole table", statement));
        }
        Matcher write = WRITE_ALL.matcher(statement);
        if (write.find() && !created.contains(write.group(1) != null ? write.group(1) : write.group(2))) {
            findings.add(new Finding("a backfill in the migration's transaction (row locks on the whole table until it commits: batch it in the application)", statement));
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.find() && !created.contains(alter.group(1))) {
            alterations(alter.group(2), statement, validatesFirst, findings);
        }
    }

    private static void alterations(String actions, String statement, boolean validatesFirst, List<Finding> findings) {
        if (VOLATILE_DEFAULT.matcher(actions).find()) {
            findings.add(new Finding("a column with a volatile default or a generated value (rewrites the table under an exclusive lock)", statement));
        }
        if (actions.matches(".*alter column \\w+ (?:set data )?type .*")) {
            findings.add(new Finding("alter column type (rewrites the table under an exclusive lock: add a column, backfill, switch)", statement));
        }
        if (actions.contains("set not null") && !validatesFirst) {
            findings.add(new Finding("set not null without a validated check constraint (scans the table under an exclusive lock)", statement));
        }
        if (actions.matches(".*add (?:constraint \\w+ )?(?:check|foreign key).*") && !actions.contains("not valid")) {
            findings.add(new Finding("a constraint added valid (scans the table under lock: add it not valid, validate it in the next migration)", statement));
        }
        if (actions.matches(".*add (?:constraint \\w+ )?(?:primary key|unique)(?! using index).*")) {
            findings.add(new Finding("a key built under the table's lock (build a unique index concurrently, then add the constraint using it)", statement));
        }
    }

    /** The statements, lower case, whitespace collapsed, comments removed; split at semicolons outside dollar quotes. */
    static List<String> statements(String script) {
        String text = script.replaceAll("(?m)--.*$", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean dollarQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                dollarQuoted = !dollarQuoted;
            }
            if (c == ';' && !dollarQuoted) {
                add(statements, current);
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder text) {
        String statement = text.toString().replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }
}
