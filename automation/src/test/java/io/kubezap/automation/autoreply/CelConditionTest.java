package io.kubezap.automation.autoreply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 68 item 8: a rule's 'when' has a cost budget. Nested comprehensions multiply: eight levels over ten elements
 * are 10^8 iterations per message, which held the pod's reply worker for minutes. Such a rule is refused when the
 * settings are read (the operator's check, the pod's start), and the runtime stops one that got past that anyway.
 */
class CelConditionTest {

    private static final String TEN = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
    private static final ReplyContext MESSAGE = new ReplyContext("hello", "5511988880001@s.whatsapp.net", "Ana",
            false, true);

    /** {@code levels} comprehensions over ten elements, each inside the last: 10^levels iterations, and true. */
    private static String nested(int levels) {
        String body = "text != 'never'";
        for (int level = levels; level > 0; level--) {
            body = TEN + ".all(v" + level + ", " + body + ")";
        }
        return body;
    }

    @Test
    void aRuleWhoseNestedLoopsBlowUpIsRefusedNamingTheBudget() {
        String settings = "{\"rules\": [{\"name\": \"bomb\", \"when\": \"" + nested(8) + "\", \"reply\": \"x\"}]}";

        assertThatThrownBy(() -> AutoReplySettings.parse(settings)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rules[0].when is over its cost budget")
                .hasMessageContaining(Integer.toString(CelCondition.MAX_ITERATIONS));
    }

    @Test
    void rulesWithinTheBudgetAreKept() {
        String keywords = "[" + String.join(", ", Collections.nCopies(100, "'preço'")) + "].exists(w, text.contains(w))";

        assertThat(CelCondition.compile(keywords).holds(MESSAGE)).isFalse();
        assertThat(CelCondition.compile(nested(2)).holds(MESSAGE)).as("100 iterations").isTrue();
        assertThat(CelCondition.compile(TEN + ".map(x, x * 2).filter(y, y > 4).all(z, z < 100)").holds(MESSAGE)).isTrue();
    }

    @Test
    void aRangeWhoseLengthTheRuleDoesNotWriteOutIsRefused() {
        assertThatThrownBy(() -> CelCondition.compile("[" + TEN + "].all(l, l.all(x, x < 10))"))
                .isInstanceOf(CelCondition.OverBudget.class);
    }

    /** Without the runtime's limit this evaluation ran 10^8 iterations; the timeout is only a guard against a hang. */
    @Test
    @Timeout(60)
    void theEvaluatorStopsARuleThatGotPastTheBudget() {
        assertThat(CelCondition.compileWithoutBudget(nested(4)).holds(MESSAGE))
                .as("10^4 iterations: stopped past the limit, so it does not hold").isFalse();
        assertThat(CelCondition.compileWithoutBudget(nested(8)).holds(MESSAGE)).isFalse();
    }
}
