package io.kubezap.automation.autoreply;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * A rule's 'when': a CEL expression over {@link ReplyContext}, checked to be boolean when the settings are read, and to
 * stay within {@value #MAX_ITERATIONS} loop iterations per message ({@link ComprehensionBudget}), which the runtime
 * enforces too: no rule, however written, holds the pod's reply worker for long.
 */
final class CelCondition {

    /** The most comprehension iterations one evaluation may run: far more than a list of keywords needs. */
    static final int MAX_ITERATIONS = 1000;
    /** The CRD's own limit on {@code when}, for settings that did not come through it. */
    private static final int MAX_LENGTH = 2048;
    private static final CelOptions OPTIONS = CelOptions.current().comprehensionMaxIterations(MAX_ITERATIONS)
            .maxExpressionCodePointSize(MAX_LENGTH).build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("text", SimpleType.STRING)
            .addVar("chat", SimpleType.STRING)
            .addVar("pushName", SimpleType.STRING)
            .addVar("firstContact", SimpleType.BOOL)
            .addVar("withinBusinessHours", SimpleType.BOOL)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
    private static final ComprehensionBudget BUDGET = new ComprehensionBudget(MAX_ITERATIONS);

    private final String expression;
    private final CelRuntime.Program program;

    private CelCondition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /**
     * The compiled expression; an {@link IllegalArgumentException} naming what is wrong when it is not a valid boolean
     * one, an {@link OverBudget} when its loops could run more than {@value #MAX_ITERATIONS} times on a message.
     */
    static CelCondition compile(String expression) {
        CelAbstractSyntaxTree ast = checked(expression);
        if (!BUDGET.allows(ast.getExpr())) {
            throw new OverBudget("its comprehensions (all, exists, map, filter…) could run more than " + MAX_ITERATIONS
                    + " iterations on one message: nested ones multiply, and a list whose length is not written out"
                    + " in the rule counts as too long");
        }
        return unbudgeted(expression, ast);
    }

    /** Compiled without the budget check, as a rule that slipped past it would be: the runtime's limit still holds. */
    static CelCondition compileWithoutBudget(String expression) {
        return unbudgeted(expression, checked(expression));
    }

    private static CelAbstractSyntaxTree checked(String expression) {
        try {
            return COMPILER.compile(expression).getAst();
        } catch (CelValidationException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        }
    }

    private static CelCondition unbudgeted(String expression, CelAbstractSyntaxTree ast) {
        try {
            return new CelCondition(expression, RUNTIME.createProgram(ast));
        } catch (CelEvaluationException unplannable) {
            throw new IllegalArgumentException(unplannable.getMessage(), unplannable);
        }
    }

    /**
     * True when the expression holds; an expression that fails on this message (a division by zero, say, or past
     * {@value #MAX_ITERATIONS} iterations) does not hold.
     */
    boolean holds(ReplyContext context) {
        try {
            return Boolean.TRUE.equals(program.eval(context.variables()));
        } catch (CelEvaluationException failed) {
            return false;
        }
    }

    /** A 'when' that could cost more than a rule may. */
    static final class OverBudget extends IllegalArgumentException {

        OverBudget(String why) {
            super(why);
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
