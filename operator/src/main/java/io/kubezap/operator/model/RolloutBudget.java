package io.kubezap.operator.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many session pods of one namespace may roll at once ({@code kubezap.max-concurrent-rollouts}): a count
 * ({@code 10}) or a share of the namespace's sessions ({@code 25%}, rounded down, at least one), as a Deployment's
 * {@code maxUnavailable} is written.
 */
public record RolloutBudget(int count, int percent) {

    private static final Pattern FORM = Pattern.compile("\\s*([1-9][0-9]*)\\s*(%?)\\s*");

    public static RolloutBudget parse(String value) {
        Matcher form = FORM.matcher(value == null ? "" : value);
        if (!form.matches() || !form.group(2).isEmpty() && Integer.parseInt(form.group(1)) > 100) {
            throw new IllegalArgumentException("kubezap.max-concurrent-rollouts must be a count (10) or a percentage "
                    + "of a namespace's sessions from 1% to 100% (25%), not \"" + value + "\"");
        }
        int number = Integer.parseInt(form.group(1));
        return form.group(2).isEmpty() ? new RolloutBudget(number, 0) : new RolloutBudget(0, number);
    }

    /** Rollouts allowed at once in a namespace that has {@code sessions} session StatefulSets. */
    public int allowed(int sessions) {
        return percent == 0 ? count : Math.max(1, sessions * percent / 100);
    }
}
