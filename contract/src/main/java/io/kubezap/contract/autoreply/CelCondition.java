package io.kubezap.contract.autoreply;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/** A rule's 'when': a CEL expression over {@link ReplyContext}, checked to be boolean when the settings are read. */
final class CelCondition {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("text", SimpleType.STRING)
            .addVar("chat", SimpleType.STRING)
            .addVar("pushName", SimpleType.STRING)
            .addVar("firstContact", SimpleType.BOOL)
            .addVar("withinBusinessHours", SimpleType.BOOL)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String expression;
    private final CelRuntime.Program program;

    private CelCondition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** The compiled expression; an {@link IllegalArgumentException} naming what is wrong when it is not a valid boolean one. */
    static CelCondition compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            return new CelCondition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException invalid) {
            throw new IllegalArgumentException(invalid.getMessage(), invalid);
        } catch (CelEvaluationException unplannable) {
            throw new IllegalArgumentException(unplannable.getMessage(), unplannable);
        }
    }

    /** True when the expression holds; an expression that fails on this message (a division by zero, say) does not hold. */
    boolean holds(ReplyContext context) {
        try {
            return Boolean.TRUE.equals(program.eval(context.variables()));
        } catch (CelEvaluationException failed) {
            return false;
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
