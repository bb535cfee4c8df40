package io.kubezap.automation.autoreply;

import dev.cel.common.ast.CelExpr;

import java.util.List;
import java.util.stream.Stream;

/**
 * The most loop iterations a rule's {@code when} can run on one message, read from its syntax tree before any message:
 * a comprehension ({@code all}, {@code exists}, {@code map}, {@code filter}…) runs once per element of its range, and
 * one nested in another's body runs that often for each of the outer's elements, so nesting multiplies. The variables
 * are strings and booleans, so every range is a list or map written out in the rule, or made from one; a range whose
 * length cannot be read from the rule (an element of a list of lists, say) counts as over any budget.
 */
final class ComprehensionBudget {

    private final long budget;
    /** Any count above the budget: counts are kept at most this, so products of them never overflow. */
    private final long over;

    ComprehensionBudget(long budget) {
        this.budget = budget;
        this.over = budget + 1;
    }

    /** Whether {@code expression} stays within the budget on every message. */
    boolean allows(CelExpr expression) {
        return cost(expression).iterations() <= budget;
    }

    /** What evaluating an expression costs, and, when its value is a list or map, at most how long it is. */
    private record Cost(long iterations, long length) {
    }

    private Cost cost(CelExpr expression) {
        return switch (expression.getKind()) {
            case LIST -> sum(expression.list().elements().stream(), expression.list().elements().size());
            case MAP -> sum(expression.map().entries().stream().flatMap(entry -> Stream.of(entry.key(), entry.value())),
                    expression.map().entries().size());
            case COMPREHENSION -> comprehension(expression.comprehension());
            case CALL -> call(expression.call());
            case SELECT -> new Cost(cost(expression.select().operand()).iterations(), over);
            case STRUCT -> sum(expression.struct().entries().stream().map(CelExpr.CelStruct.Entry::value), over);
            default -> new Cost(0, over);
        };
    }

    private Cost comprehension(CelExpr.CelComprehension loop) {
        Cost range = cost(loop.iterRange());
        long perElement = 1 + cost(loop.loopCondition()).iterations() + cost(loop.loopStep()).iterations();
        long iterations = capped(range.iterations() + cost(loop.accuInit()).iterations()
                + range.length() * perElement + cost(loop.result()).iterations());
        return new Cost(iterations, range.length());
    }

    private Cost call(CelExpr.CelCall call) {
        List<Cost> operands = Stream.concat(call.target().stream(), call.args().stream()).map(this::cost).toList();
        long iterations = capped(operands.stream().mapToLong(Cost::iterations).sum());
        long length = switch (call.function()) {
            case "_+_" -> capped(operands.stream().mapToLong(Cost::length).sum());
            case "_?_:_" -> Math.max(operands.get(1).length(), operands.get(2).length());
            default -> over;
        };
        return new Cost(iterations, length);
    }

    private Cost sum(Stream<CelExpr> parts, long length) {
        return new Cost(capped(parts.mapToLong(part -> cost(part).iterations()).sum()), capped(length));
    }

    private long capped(long count) {
        return Math.min(count, over);
    }
}
