package dev.vigil.streams.rules.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.checker.CelStandardDeclarations;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CEL environment every rule expression compiles in: the event {@link RuleVariables variables}, the named
 * lists (as {@code list(string)} variables), the {@link RuleFunctions Java functions}, the standard macros and
 * the optional, strings, lists, sets, math and regex extensions (close to what Kubernetes offers in
 * ValidatingAdmissionPolicy). Macros are expanded textually before compiling; a compile error is reported at
 * its position in the text the author wrote, naming the macro when the error is inside one.
 */
public final class CelRuleEnvironment {

    /** Bounds loops over attacker-sized input (a list of 100k containers) so one event cannot stall a thread. */
    private static final int MAX_ITERATIONS = 10_000;

    private final Collection<String> listNames;
    private final Cel conditions;
    private final Cel values;
    private final Map<String, String> macros;
    private final MacroExpander expander;
    /** Expressions repeat across rules (dedup keys, message parts); each distinct one is compiled once. */
    private final Map<String, CompiledExpression> compiled = new HashMap<>();
    /** The Java functions by overload id, and matches(), for the {@link FastExpression} of each expression. */
    private final Map<String, CelFunctionBinding> functions = new HashMap<>();
    private final CachedMatches fastMatches = new CachedMatches(options());
    private Cel checking;

    /**
     * @param listNames names of the named lists (values come with each {@link EventActivation})
     * @param macros    macro name → CEL text
     */
    public CelRuleEnvironment(Collection<String> listNames, Map<String, String> macros) {
        this.listNames = List.copyOf(listNames);
        this.macros = Map.copyOf(macros);
        this.expander = new MacroExpander(this.macros);
        this.values = builder(listNames).build();
        this.conditions = values.toCelBuilder().setResultType(SimpleType.BOOL).build();
        RuleFunctions.bindings().forEach(binding -> functions.put(binding.getOverloadId(), binding));
    }

    /** The environment for locating errors: macros declared as variables, so the author's own text compiles. */
    private Cel checking() {
        if (checking == null) {
            CelBuilder check = builder(listNames);
            for (String macro : macros.keySet()) {
                check.addVar(macro, SimpleType.DYN);
            }
            checking = check.build();
        }
        return checking;
    }

    /** Names a rule author cannot give to a list or macro. */
    public static Set<String> reservedNames() {
        return RuleVariables.declarations().keySet();
    }

    private static CelOptions options() {
        return CelOptions.current()
                .enableOptionalSyntax(true)
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .build();
    }

    private static CelBuilder builder(Collection<String> listNames) {
        CelOptions options = options();
        CelBuilder builder = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setTypeProvider(RuleVariables.typeProvider())
                // The standard environment, but matches() keeps its compiled patterns (see CachedMatches).
                .setStandardEnvironmentEnabled(false)
                .setStandardDeclarations(CelStandardDeclarations.newBuilder().build())
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
                .addFunctionBindings(new CachedMatches(options).bindings())
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.lists(),
                        CelExtensions.sets(options), CelExtensions.math(options), CelExtensions.regex())
                .addRuntimeLibraries(CelExtensions.optional(), CelExtensions.strings(), CelExtensions.lists(),
                        CelExtensions.sets(options), CelExtensions.math(options), CelExtensions.regex())
                .addFunctionDeclarations(RuleFunctions.declarations())
                .addFunctionBindings(RuleFunctions.bindings());
        for (Map.Entry<String, CelType> variable : RuleVariables.declarations().entrySet()) {
            builder.addVar(variable.getKey(), variable.getValue());
        }
        for (String list : listNames) {
            builder.addVar(list, ListType.create(SimpleType.STRING));
        }
        return builder;
    }

    /** The named lists an expression reads, through the macros it uses too; empty for text that does not expand. */
    public Set<String> listsUsedBy(String text) {
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        Set<String> used = new LinkedHashSet<>();
        try {
            expander.variables(text).stream().filter(listNames::contains).forEach(used::add);
        } catch (IllegalArgumentException cycle) {
            return Set.of();
        }
        return used;
    }

    /** Compiles a condition, which must yield a bool. */
    public CompiledExpression compileCondition(String text) throws CelCompileException {
        return compile(conditions, text);
    }

    /** Compiles a value expression (message placeholder, dedup key part, details entry). */
    public CompiledExpression compileValue(String text) throws CelCompileException {
        return compile(values, text);
    }

    private CompiledExpression compile(Cel cel, String text) throws CelCompileException {
        String cacheKey = (cel == conditions ? "c:" : "v:") + text;
        CompiledExpression done = compiled.get(cacheKey);
        if (done != null) {
            return done;
        }
        CompiledExpression result = compileNew(cel, text);
        compiled.put(cacheKey, result);
        return result;
    }

    private CompiledExpression compileNew(Cel cel, String text) throws CelCompileException {
        if (text == null || text.isBlank()) {
            throw new CelCompileException("", "empty expression");
        }
        String expanded;
        try {
            expanded = expander.expand(text);
        } catch (IllegalArgumentException cycle) {
            throw new CelCompileException("", cycle.getMessage());
        }
        try {
            CelAbstractSyntaxTree ast = cel.compile(expanded).getAst();
            FastExpression fast = FastExpression.of(ast, functions, fastMatches);
            FastExpression screen = cel == conditions ? FastExpression.screenOf(ast, functions, fastMatches) : null;
            return new CompiledExpression(text, cel.createProgram(ast), fast, screen);
        } catch (CelValidationException expandedErrors) {
            throw explain(cel, text, expanded, expandedErrors);
        } catch (CelEvaluationException planning) {
            throw new CelCompileException("", "cannot plan the program: " + planning.getMessage());
        }
    }

    /** Finds where the author's text went wrong: in the text itself, in a macro it uses, or only once combined. */
    private CelCompileException explain(Cel cel, String text, String expanded, CelValidationException errors) {
        Cel raw = cel == conditions ? checking().toCelBuilder().setResultType(SimpleType.BOOL).build() : checking();
        try {
            raw.compile(text).getAst();
        } catch (CelValidationException own) {
            return new CelCompileException(position(own), describe(own));
        }
        for (String macro : usedMacros(text)) {
            try {
                checking().compile(macros.get(macro)).getAst();
            } catch (CelValidationException inMacro) {
                return new CelCompileException("macro " + macro + " " + position(inMacro), describe(inMacro));
            }
        }
        return new CelCompileException("expanded " + position(errors), describe(errors) + " in: " + expanded);
    }

    private Set<String> usedMacros(String text) {
        Set<String> all = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(expander.references(text));
        while (!pending.isEmpty()) {
            String name = pending.remove(0);
            if (all.add(name)) {
                pending.addAll(expander.references(macros.get(name)));
            }
        }
        return all;
    }

    private static String position(CelValidationException e) {
        CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().get(0);
        if (first == null || first.getSourceLocation().getLine() <= 0) {
            return "";
        }
        return first.getSourceLocation().getLine() + ":" + (first.getSourceLocation().getColumn() + 1);
    }

    private static String describe(CelValidationException e) {
        List<String> messages = new ArrayList<>();
        for (CelIssue issue : e.getErrors()) {
            messages.add(issue.getMessage());
        }
        return messages.isEmpty() ? e.getMessage() : String.join("; ", messages);
    }
}
