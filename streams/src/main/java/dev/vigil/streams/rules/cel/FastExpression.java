package dev.vigil.streams.rules.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.vigil.model.audit.RequestSummary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A checked CEL tree compiled once more into Java closures, to decide conditions and compute values without the
 * CEL interpreter (whose comprehensions cost about a microsecond per element). It is exact or silent: every node gives
 * the value CEL would give, or {@link #UNKNOWN} for anything it does not cover (an unsupported function, a CEL
 * runtime error, a type it does not compare); {@code &&}, {@code ||} and {@code ?:} absorb an unknown side the way
 * CEL absorbs an error, so {@code false && <anything>} is still decided. {@link #test} returns null when the
 * answer is unknown and the caller evaluates the CEL program as before. Thread-safe; one {@link Context} per call.
 */
final class FastExpression {

    /** A value this evaluator cannot give exactly: the CEL program decides. */
    static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "UNKNOWN";
        }
    };

    /** Mirrors {@code comprehensionMaxIterations}: beyond it the whole evaluation is left to CEL. */
    private static final int MAX_ITERATIONS = 10_000;

    /** The names of CEL's types as a condition compares them ({@code type(x) == string}). */
    private static final Set<String> TYPE_NAMES = Set.of("string", "int", "bool", "double", "list", "map",
            "null_type");

    /** The event's objects as variables, which hold no pod when the summary says its objects hold none. */
    private static final Set<String> EVENT_OBJECTS = Set.of(RuleVariables.OBJ, RuleVariables.REQUEST,
            RuleVariables.RESPONSE);

    interface Node {
        Object eval(Context context);
    }

    /** Where an identifier's value comes from: an event ({@link EventActivation}) or a request's summary. */
    interface Variables {
        /** The value of a variable or named list, or null when unknown. */
        Object value(String name);
    }

    /**
     * The variables a {@linkplain #screenOf screen} reads, plain values of the request summary (and the user agent,
     * when the caller knows it);
     * {@code user.username} and the like are {@link #SCREEN_FIELDS}, read by the select of the variable's field.
     */
    static final Set<String> SCREEN_VARIABLES = Set.of(RuleVariables.VERB, RuleVariables.STAGE, RuleVariables.LEVEL,
            RuleVariables.RESPONSE_CODE, RuleVariables.DECISION, RuleVariables.USER_AGENT);

    /**
     * The fields of {@code user}, {@code impersonatedUser} and {@code objectRef} a screen reads, as
     * {@code variable.field} (the impersonated user's only where the event is known to carry none).
     */
    static final Set<String> SCREEN_FIELDS = Set.of("user.username", "user.groups", "impersonatedUser.username",
            "impersonatedUser.groups", "objectRef.apiGroup", "objectRef.resource", "objectRef.subresource",
            "objectRef.namespace");

    /**
     * Per evaluation: the event, the comprehension variables by slot, the values of loop-invariant subexpressions
     * (computed at most once per run of their loop), the iteration budget.
     */
    static final class Context {
        final Variables activation;
        final Object[] slots;
        final Object[] memo;
        int iterations;
        boolean aborted;

        Context(Variables activation, int slots, int memos) {
            this.activation = activation;
            this.slots = new Object[slots];
            this.memo = new Object[memos];
        }
    }

    private final Node root;
    private final int slots;
    private final int memos;
    private final Set<String> reads;

    private FastExpression(Node root, int slots, int memos, Set<String> reads) {
        this.root = root;
        this.slots = slots;
        this.memos = memos;
        this.reads = Set.copyOf(reads);
    }

    /** Null when nothing of the tree can be compiled (the caller keeps only the CEL program). */
    static FastExpression of(CelAbstractSyntaxTree ast, Map<String, CelFunctionBinding> functions,
                            CachedMatches matches) {
        return compile(ast, functions, matches, false);
    }

    /**
     * The same tree compiled once more as a screen: evaluated over a request's summary ({@link SummaryVariables}),
     * where only {@link #SCREEN_VARIABLES}, the {@link #SCREEN_FIELDS} and the named lists are known and every
     * other variable is {@link #UNKNOWN}, but for the functions of the pod in the event's objects
     * ({@code k8s.podSpec(obj)}, the Pod Security checks, …), whose empty value is known where the summary says the
     * objects hold no pod ({@link SummaryVariables#NO_POD}). Decided at compile time, not by the values offered:
     * {@code user} or
     * {@code objectRef} handed whole to a function, compared whole, or tested with {@code has()} stays unknown, as
     * do their other fields, so no partial map can give a wrong answer. A definite answer is the one the full
     * expression gives on every event with that summary (unknowns are absorbed only where CEL absorbs an error).
     * Null when nothing can be compiled.
     */
    static FastExpression screenOf(CelAbstractSyntaxTree ast, Map<String, CelFunctionBinding> functions,
                                   CachedMatches matches) {
        return compile(ast, functions, matches, true);
    }

    private static FastExpression compile(CelAbstractSyntaxTree ast, Map<String, CelFunctionBinding> functions,
                                          CachedMatches matches, boolean screen) {
        if (!ast.isChecked()) {
            return null;
        }
        Compiler compiler = new Compiler(ast, functions, matches, screen);
        Node root = compiler.compile(ast.getExpr());
        return compiler.supported == 0 ? null
                : new FastExpression(root, compiler.maxSlots, compiler.memos, compiler.reads);
    }

    /**
     * Every name this tree asks its {@link Variables} for (variables, {@code user.username}-like fields of a screen,
     * lists): nothing else of them can change its answer.
     */
    Set<String> reads() {
        return reads;
    }

    /** TRUE or FALSE as CEL would answer, or null when only CEL can tell. */
    Boolean test(Variables activation) {
        return value(activation) instanceof Boolean result ? result : null;
    }

    /**
     * The value CEL would give, or null when only CEL can tell. Values are of the types CEL's are (String, Long,
     * Double, Boolean, NullValue, lists, maps, Optional), so rendering and JSON conversion treat them alike.
     */
    Object value(Variables activation) {
        Context context = new Context(activation, slots, memos);
        Object value;
        try {
            value = root.eval(context);
        } catch (RuntimeException unexpected) {
            return null;
        }
        if (context.aborted || value == UNKNOWN || value instanceof TypeName || value == null) {
            return null;
        }
        return value;
    }

    /**
     * A comprehension whose loop body is being compiled: calls in it that read none of its variables (nor any
     * comprehension) are evaluated once per run of the loop, e.g. a macro of the outer loop's element that the
     * rule's text repeats inside {@code markers.exists(m, key.contains(m))}.
     */
    private static final class Loop {
        final int accuSlot;
        final List<Integer> memos = new ArrayList<>();

        Loop(int accuSlot) {
            this.accuSlot = accuSlot;
        }
    }

    /** Compiles one checked tree; comprehension variables get slots by nesting depth. */
    private static final class Compiler {
        private final CelAbstractSyntaxTree ast;
        private final Map<String, CelFunctionBinding> functions;
        private final CachedMatches matches;
        /** Screen mode: only the summary's attributes are known (see {@link #screenOf}). */
        private final boolean screen;
        private final List<String> scope = new ArrayList<>();
        private final List<Loop> loops = new ArrayList<>();
        private int maxSlots;
        private int supported;
        private int memos;
        private final Set<String> reads = new HashSet<>();
        /** While compiling a subtree: the innermost comprehension slot it reads, -1 for none. */
        private int deepest = -1;
        private boolean hasComprehension;

        Compiler(CelAbstractSyntaxTree ast, Map<String, CelFunctionBinding> functions, CachedMatches matches,
                 boolean screen) {
            this.ast = ast;
            this.functions = functions;
            this.matches = matches;
            this.screen = screen;
        }

        Node compile(CelExpr expr) {
            int outerDeepest = deepest;
            boolean outerComprehension = hasComprehension;
            deepest = -1;
            hasComprehension = false;
            Node node = compileKind(expr);
            if (expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
                node = hoisted(node);
            }
            deepest = Math.max(outerDeepest, deepest);
            hasComprehension |= outerComprehension;
            return node;
        }

        /** A call invariant in some enclosing loop body, memoised for the outermost such loop. */
        private Node hoisted(Node node) {
            if (hasComprehension) {
                return node;
            }
            for (Loop loop : loops) {
                if (deepest < loop.accuSlot) {
                    int memo = memos++;
                    loop.memos.add(memo);
                    return c -> {
                        Object value = c.memo[memo];
                        if (value == null) {
                            value = node.eval(c);
                            c.memo[memo] = value;
                        }
                        return value;
                    };
                }
            }
            return node;
        }

        private Node compileKind(CelExpr expr) {
            Node node = switch (expr.getKind()) {
                case CONSTANT -> constant(expr.constant());
                case IDENT -> ident(expr);
                case SELECT -> select(expr.select());
                case CALL -> call(expr);
                case LIST -> list(expr.list());
                case MAP -> expr.map().entries().isEmpty() ? c -> Map.of() : null;
                case COMPREHENSION -> comprehension(expr.comprehension());
                default -> null;
            };
            if (node == null) {
                return c -> UNKNOWN;
            }
            supported++;
            return node;
        }

        private static Node constant(CelConstant constant) {
            Object value = switch (constant.getKind()) {
                case STRING_VALUE -> constant.stringValue();
                case INT64_VALUE -> constant.int64Value();
                case BOOLEAN_VALUE -> constant.booleanValue();
                case DOUBLE_VALUE -> constant.doubleValue();
                case NULL_VALUE -> NullValue.NULL_VALUE;
                default -> null;
            };
            return value == null ? null : c -> value;
        }

        private Node ident(CelExpr expr) {
            String name = expr.ident().name();
            int slot = scope.lastIndexOf(name);
            if (slot >= 0) {
                deepest = Math.max(deepest, slot);
                return c -> c.slots[slot];
            }
            if (TYPE_NAMES.contains(name)
                    && ast.getType(expr.id()).map(type -> type.kind() == CelKind.TYPE).orElse(false)) {
                TypeName type = new TypeName(name);
                return c -> type;
            }
            if (screen && RuleVariables.NAMES.contains(name) && !SCREEN_VARIABLES.contains(name)) {
                return c -> UNKNOWN; // the event, its user or objectRef whole, the URI, the objects, ...
            }
            return lookup(name);
        }

        private Node lookup(String name) {
            reads.add(name);
            return c -> {
                Object value = c.activation.value(name);
                return value == null ? UNKNOWN : value;
            };
        }

        private Node select(CelExpr.CelSelect select) {
            if (screen && !select.testOnly() && select.operand().getKind() == CelExpr.ExprKind.Kind.IDENT) {
                String name = select.operand().ident().name();
                String field = name + "." + select.field();
                if (SCREEN_FIELDS.contains(field) && !scope.contains(name)) {
                    return lookup(field);
                }
            }
            Node operand = compile(select.operand());
            String field = select.field();
            if (select.testOnly()) {
                return c -> operand.eval(c) instanceof Map<?, ?> map ? (Object) map.containsKey(field) : UNKNOWN;
            }
            return c -> operand.eval(c) instanceof Map<?, ?> map && map.containsKey(field) ? map.get(field) : UNKNOWN;
        }

        private Node list(CelExpr.CelList list) {
            if (!list.optionalIndices().isEmpty()) {
                return null;
            }
            Node[] elements = list.elements().stream().map(this::compile).toArray(Node[]::new);
            return c -> {
                List<Object> values = new ArrayList<>(elements.length);
                for (Node element : elements) {
                    Object value = element.eval(c);
                    if (value == UNKNOWN || value instanceof TypeName) {
                        return UNKNOWN;
                    }
                    values.add(value);
                }
                return values;
            };
        }

        private Node comprehension(CelExpr.CelComprehension comprehension) {
            if (!comprehension.iterVar2().isEmpty()) {
                return null;
            }
            Node range = compile(comprehension.iterRange());
            Node init = compile(comprehension.accuInit());
            int accuSlot = scope.size();
            scope.add(comprehension.accuVar());
            int iterSlot = scope.size();
            scope.add(comprehension.iterVar());
            maxSlots = Math.max(maxSlots, scope.size());
            Loop loop = new Loop(accuSlot);
            loops.add(loop);
            Node condition = compile(comprehension.loopCondition());
            Node step = compile(comprehension.loopStep());
            loops.remove(loops.size() - 1);
            scope.remove(iterSlot);
            Node result = compile(comprehension.result());
            scope.remove(accuSlot);
            hasComprehension = true;
            int[] memoised = loop.memos.stream().mapToInt(Integer::intValue).toArray();
            return c -> {
                for (int memo : memoised) {
                    c.memo[memo] = null;
                }
                Object over = range.eval(c);
                Iterable<?> items;
                if (over instanceof List<?> values) {
                    items = values;
                } else if (over instanceof Map<?, ?> map) {
                    items = map.keySet();
                } else {
                    return UNKNOWN;
                }
                Object accu = init.eval(c);
                for (Object item : items) {
                    if (++c.iterations > MAX_ITERATIONS) {
                        c.aborted = true;
                        return UNKNOWN;
                    }
                    c.slots[accuSlot] = accu;
                    c.slots[iterSlot] = item;
                    Object proceed = condition.eval(c);
                    if (proceed == Boolean.FALSE) {
                        break;
                    }
                    if (proceed != Boolean.TRUE) {
                        return UNKNOWN;
                    }
                    accu = step.eval(c);
                }
                c.slots[accuSlot] = accu;
                return result.eval(c);
            };
        }

        private Node call(CelExpr expr) {
            CelExpr.CelCall call = expr.call();
            String function = call.function();
            List<CelExpr> argExprs = call.args();
            if (screen && call.target().isEmpty() && argExprs.size() == 2) {
                Node reason = reasonAnnotation(function, argExprs);
                if (reason != null) {
                    return reason;
                }
            }
            if (call.target().isEmpty()) {
                CelFunctionBinding binding = customBinding(expr);
                if (binding != null) {
                    Node withoutPod = screen ? podOfTheEvent(binding, argExprs) : null;
                    return withoutPod != null ? withoutPod
                            : custom(binding, argExprs.stream().map(this::compile).toArray(Node[]::new));
                }
            }
            List<Node> nodes = new ArrayList<>(argExprs.size() + 1);
            call.target().ifPresent(target -> nodes.add(compile(target)));
            argExprs.forEach(arg -> nodes.add(compile(arg)));
            Node[] args = nodes.toArray(Node[]::new);
            return switch (function) {
                case "_&&_" -> args.length == 2 ? FastOperators.and(args[0], args[1]) : null;
                case "_||_" -> args.length == 2 ? FastOperators.or(args[0], args[1]) : null;
                case "_?_:_" -> args.length == 3 ? FastOperators.conditional(args[0], args[1], args[2]) : null;
                case "@not_strictly_false" -> args.length == 1 ? FastOperators.notStrictlyFalse(args[0]) : null;
                case "matches" -> args.length == 2 ? FastOperators.matches(args[0], args[1], matches) : null;
                default -> FastOperators.strict(function, args);
            };
        }

        /**
         * In a screen, the one annotation the summary carries besides the decision (which is a variable of its own):
         * {@code 'authorization.k8s.io/reason' in annotations} and {@code annotations['authorization.k8s.io/reason']},
         * with the key a literal and {@code annotations} the event's (not a comprehension variable). Null for
         * anything else, which stays unknown as {@code annotations} is.
         */
        private Node reasonAnnotation(String function, List<CelExpr> args) {
            int keyAt = function.equals("@in") ? 0 : function.equals("_[_]") ? 1 : -1;
            if (keyAt < 0) {
                return null;
            }
            CelExpr key = args.get(keyAt);
            CelExpr map = args.get(1 - keyAt);
            boolean reasonOfTheEvent = map.getKind() == CelExpr.ExprKind.Kind.IDENT
                    && map.ident().name().equals(RuleVariables.ANNOTATIONS) && !scope.contains(RuleVariables.ANNOTATIONS)
                    && key.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                    && key.constant().getKind() == CelConstant.Kind.STRING_VALUE
                    && key.constant().stringValue().equals(RequestSummary.REASON_ANNOTATION);
            if (!reasonOfTheEvent) {
                return null;
            }
            return lookup(keyAt == 0 ? SummaryVariables.REASON_PRESENT : SummaryVariables.REASON);
        }

        /**
         * In a screen, a function of the pod in one of the event's objects ({@code k8s.podSpec(obj)},
         * {@code pss.restrictedFailures(obj, partial)}, …; {@link RuleFunctions#valueWithoutPod}): its empty value
         * when the summary says the objects hold no pod ({@link SummaryVariables#NO_POD}), else unknown. Only with
         * the object an event variable ({@code obj}, {@code request}, {@code response}, not a comprehension's) and
         * any other argument {@code partial} or a literal, which cannot fail where CEL would. Null for anything else.
         */
        private Node podOfTheEvent(CelFunctionBinding binding, List<CelExpr> args) {
            Object empty = RuleFunctions.valueWithoutPod(binding.getOverloadId());
            if (empty == null || args.isEmpty() || !isEventVariable(args.get(0), EVENT_OBJECTS)) {
                return null;
            }
            for (CelExpr arg : args.subList(1, args.size())) {
                if (!isEventVariable(arg, Set.of(RuleVariables.PARTIAL))
                        && arg.getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                    return null;
                }
            }
            Node noPod = lookup(SummaryVariables.NO_POD);
            return c -> noPod.eval(c) == Boolean.TRUE ? empty : UNKNOWN;
        }

        private boolean isEventVariable(CelExpr expr, Set<String> names) {
            return expr.getKind() == CelExpr.ExprKind.Kind.IDENT && names.contains(expr.ident().name())
                    && !scope.contains(expr.ident().name());
        }

        /** A Java function of {@link RuleFunctions}, found by the checker's overload reference. */
        private CelFunctionBinding customBinding(CelExpr expr) {
            Optional<CelReference> reference = ast.getReference(expr.id());
            if (reference.isEmpty() || reference.get().overloadIds().size() != 1) {
                return null;
            }
            return functions.get(reference.get().overloadIds().get(0));
        }

        private static Node custom(CelFunctionBinding binding, Node[] args) {
            CelFunctionOverload definition = binding.getDefinition();
            return c -> {
                Object[] values = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    values[i] = args[i].eval(c);
                    if (values[i] == UNKNOWN || values[i] instanceof Optional<?> || values[i] instanceof TypeName) {
                        return UNKNOWN;
                    }
                }
                if (!CelFunctionOverload.canHandle(values, binding.getArgTypes(), binding.isStrict())) {
                    return UNKNOWN;
                }
                try {
                    Object result = definition.apply(values);
                    return result == null ? UNKNOWN : result;
                } catch (Exception failed) {
                    return UNKNOWN;
                }
            };
        }
    }

    /** The value of {@code type(x)} or of a type name, for {@code type(x) == string}. */
    record TypeName(String name) {
    }
}
