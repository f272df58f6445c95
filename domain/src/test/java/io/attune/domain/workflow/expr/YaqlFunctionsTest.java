package io.attune.domain.workflow.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YaqlFunctionsTest {

    private static final Map<String, Object> CTX = Map.of("m", Map.of("a", 1, "b", 2), "l", List.of(1, 2, 3),
            "s", "héllo", "doc", "{\"k\": [1, 2.5, \"x\", true, null], \"n\": {}}");

    private final YaqlExpressions yaql = new YaqlExpressions();

    private Object eval(String expression, Scope scope) {
        return yaql.evaluate(expression, scope);
    }

    private Object eval(String expression) {
        return eval(expression, FixedScope.of(CTX));
    }

    private String failure(String expression, Scope scope) {
        try {
            eval(expression, scope);
        } catch (ExpressionException e) {
            return e.getMessage();
        }
        throw new AssertionError("evaluated: " + expression);
    }

    private String failure(String expression) {
        return failure(expression, FixedScope.of(CTX));
    }

    @Test
    void listAndDictBuildCollections() {
        assertThat(eval("list(1, 'a', $.l)")).isEqualTo(List.of(1L, "a", List.of(1, 2, 3)));
        assertThat(eval("list()")).isEqualTo(List.of());
        assertThat(eval("dict(a => 1, 'b' => 2)")).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(eval("dict(a=1, b=ctx(s))")).isEqualTo(Map.of("a", 1L, "b", "héllo"));
        assertThat(eval("dict([['a', 1], ['b', 2]])")).isEqualTo(Map.of("a", 1L, "b", 2L));
        assertThat(eval("dict($.m, c => 3)")).isEqualTo(Map.of("a", 1, "b", 2, "c", 3L));
        assertThat(eval("dict()")).isEqualTo(Map.of());
        assertThat(failure("dict([1])")).endsWith("dict() takes a list of [key, value] pairs, but one is 1");
        assertThat(failure("dict(1)")).endsWith("dict() takes a map or a list of [key, value] pairs, not an integer");
    }

    @Test
    void lenCountsStringsListsAndMaps() {
        assertThat(eval("len($.s)")).isEqualTo(5L);
        assertThat(eval("len($.l)")).isEqualTo(3L);
        assertThat(eval("len($.m)")).isEqualTo(2L);
        assertThat(eval("$.l.len()")).isEqualTo(3L);
        assertThat(failure("len(1)")).endsWith("len() takes a string, a list or a map, not an integer");
    }

    @Test
    void strWritesStringsAsTheyAreAndTheRestAsJson() {
        assertThat(eval("str($.s)")).isEqualTo("héllo");
        assertThat(eval("str(1)")).isEqualTo("1");
        assertThat(eval("str(1.5)")).isEqualTo("1.5");
        assertThat(eval("str(true)")).isEqualTo("true");
        assertThat(eval("str(null)")).isEqualTo("null");
        assertThat(eval("str([1, 'a'])")).isEqualTo("[1, \"a\"]");
        assertThat(eval("str({a => 'x\"y'})")).isEqualTo("{\"a\": \"x\\\"y\"}");
        assertThat(eval("$.l.str()")).isEqualTo("[1, 2, 3]");
    }

    @Test
    void intFloatAndBoolConvert() {
        assertThat(eval("int('42')")).isEqualTo(42L);
        assertThat(eval("int(' -7 ')")).isEqualTo(-7L);
        assertThat(eval("int(3.9)")).isEqualTo(3L);
        assertThat(eval("int(-3.9)")).isEqualTo(-3L);
        assertThat(eval("int(true)")).isEqualTo(1L);
        assertThat(eval("int(null)")).isEqualTo(0L);
        assertThat(failure("int('4.5')")).endsWith("int() cannot read '4.5' as an integer");
        assertThat(failure("int([])")).endsWith("int() cannot convert a list to an integer");
        assertThat(eval("float('2.5')")).isEqualTo(2.5);
        assertThat(eval("float(2)")).isEqualTo(2.0);
        assertThat(eval("float('1e3')")).isEqualTo(1000.0);
        assertThat(eval("float(false)")).isEqualTo(0.0);
        assertThat(failure("float('abc')")).endsWith("float() cannot read 'abc' as a number");
        assertThat(eval("bool(1)")).isEqualTo(true);
        assertThat(eval("bool('')")).isEqualTo(false);
        assertThat(eval("bool([])")).isEqualTo(false);
        assertThat(eval("bool($.m)")).isEqualTo(true);
        assertThat(eval("'7'.int() + 1")).isEqualTo(8L);
    }

    @Test
    void zipPairsUpToTheShortestList() {
        assertThat(eval("zip([1, 2, 3], ['a', 'b'])")).isEqualTo(List.of(List.of(1L, "a"), List.of(2L, "b")));
        assertThat(eval("zip($.l, $.l, $.l)")).isEqualTo(
                List.of(List.of(1, 1, 1), List.of(2, 2, 2), List.of(3, 3, 3)));
        assertThat(failure("zip($.l, 1)")).endsWith("zip() takes lists, not an integer");
    }

    @Test
    void jsonParsesText() {
        assertThat(eval("json($.doc)")).isEqualTo(
                Map.of("k", Arrays.asList(1L, 2.5, "x", true, null), "n", Map.of()));
        assertThat(eval("json('\"a\\\\u00e9\"')")).isEqualTo("aé");
        assertThat(eval("json('-0.5e1')")).isEqualTo(-5.0);
        assertThat(eval("json('99999999999999999999')")).isEqualTo(1.0e20);
        assertThat(failure("json('{\"a\": }')")).endsWith("json(): invalid JSON at column 7: unexpected '}'");
        assertThat(failure("json('[1, 2')")).endsWith("json(): invalid JSON at column 6: expected ',' or ']' in an array");
        assertThat(failure("json('1 2')")).endsWith("json(): invalid JSON at column 3: unexpected '2' after the JSON value");
        assertThat(failure("json('[' * 1)")).endsWith("'*' needs numbers, not a string");
        assertThat(failure("json(1)")).endsWith("json() takes a string, not an integer");
    }

    @Test
    void jsonRefusesHostileNesting() {
        Scope deep = FixedScope.of(Map.of("t", "[".repeat(10_000)));
        assertThat(failure("json($.t)", deep)).endsWith("JSON nests more than 256 deep");
    }

    @Test
    void keysAndValuesListAMap() {
        assertThat(eval("keys({a => 1, b => 2})")).isEqualTo(List.of("a", "b"));
        assertThat(eval("values({a => 1, b => 2})")).isEqualTo(List.of(1L, 2L));
        assertThat(eval("{x => 1}.keys()")).isEqualTo(List.of("x"));
        assertThat(failure("keys($.l)")).endsWith("keys() takes a map, not a list");
    }

    @Test
    void resultAndStatusFunctionsReadTheCurrentTask() {
        FixedScope ok = FixedScope.of(CTX).withTask("succeeded", Map.of("stdout", "hi"));
        assertThat(eval("result()", ok)).isEqualTo(Map.of("stdout", "hi"));
        assertThat(eval("result().stdout", ok)).isEqualTo("hi");
        assertThat(eval("succeeded()", ok)).isEqualTo(true);
        assertThat(eval("failed()", ok)).isEqualTo(false);
        assertThat(eval("completed()", ok)).isEqualTo(true);
        FixedScope failed = FixedScope.of(CTX).withTask("failed", Map.of());
        assertThat(eval("[succeeded(), failed(), completed()]", failed)).isEqualTo(List.of(false, true, true));
        FixedScope canceled = FixedScope.of(CTX).withTask("canceled", Map.of());
        assertThat(eval("[succeeded(), failed(), completed()]", canceled)).isEqualTo(List.of(false, false, true));
        FixedScope running = FixedScope.of(CTX).withTask("running", Map.of());
        assertThat(eval("completed()", running)).isEqualTo(false);
        assertThat(failure("result()")).isEqualTo(
                "expression 'result()': result() is only available where a task has ended (its transitions and"
                        + " with-items)");
        assertThat(failure("succeeded()")).endsWith("succeeded() is only available in a task's transitions");
    }

    @Test
    void taskStatusIsTheLatestStatusOrNull() {
        FixedScope scope = FixedScope.of(CTX).withTasks(Map.of("build", "failed"));
        assertThat(eval("task_status(build)", scope)).isEqualTo("failed");
        assertThat(eval("task_status('deploy')", scope)).isNull();
        assertThat(failure("task_status(1)", scope)).endsWith("task_status() takes a name (a string), not an integer");
    }

    @Test
    void itemReadsTheCurrentItemOrOneOfItsNames() {
        assertThat(eval("item()", FixedScope.of(CTX).withItem("host-1"))).isEqualTo("host-1");
        FixedScope named = FixedScope.of(CTX).withItem(Map.of("x", 1, "y", "b"));
        assertThat(eval("item(y)", named)).isEqualTo("b");
        assertThat(eval("item('x') + 1", named)).isEqualTo(2L);
        assertThat(failure("item(z)", named)).endsWith("item() has no key 'z'");
        assertThat(failure("item('x')", FixedScope.of(CTX).withItem("host-1")))
                .endsWith("item('x') needs named items (with: items: x in …), but the item is a string");
        assertThat(failure("item()")).endsWith("item() is only available in a with-items task");
    }

    @Test
    void st2kvReadsAKeyAsWritten() {
        FixedScope scope = FixedScope.of(CTX).withKeys(Map.of("system.url", "https://x", "token", "s3"));
        assertThat(eval("st2kv('system.url')", scope)).isEqualTo("https://x");
        assertThat(eval("st2kv('token', decrypt => true)", scope)).isEqualTo("s3");
        assertThat(failure("st2kv('system.nope')", scope)).endsWith("there is no key 'system.nope'");
        assertThat(failure("st2kv('token', other => 1)", scope)).endsWith("st2kv() takes no argument named 'other'");
    }

    @Test
    void everyFunctionIsListed() {
        assertThat(YaqlExpressions.functions()).containsExactlyInAnyOrder("ctx", "result", "succeeded", "failed",
                "completed", "task_status", "item", "st2kv", "list", "dict", "len", "str", "int", "float", "bool",
                "zip", "json", "keys", "values", "select", "where", "distinct", "sum", "join", "split", "toUpper",
                "toLower", "trim", "replace", "startsWith", "endsWith");
    }

    @Test
    void aFunctionCanBeCalledByNameWithEvaluatedArguments() {
        FixedScope scope = FixedScope.of(CTX).withTasks(Map.of("t", "succeeded"));
        assertThat(yaql.call("ctx", List.of("s"), scope)).isEqualTo("héllo");
        assertThat(yaql.call("task_status", List.of("t"), scope)).isEqualTo("succeeded");
        assertThat(yaql.call("len", Arrays.asList(List.of(1, 2)), scope)).isEqualTo(2L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> yaql.call("ctx", List.of("nope"), scope))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("expression 'ctx(\"nope\")': ctx() has no key 'nope'")
                .extracting(e -> ((ExpressionException) e).why()).isEqualTo("ctx() has no key 'nope'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> yaql.call("ctx", List.of("a", "b"), scope))
                .hasMessage("expression 'ctx(\"a\", \"b\")': ctx() takes 0 to 1 arguments, not 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> yaql.call("nope", List.of(), scope))
                .hasMessageStartingWith("expression 'nope()': unknown function 'nope' (known: ");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> yaql.call("select", List.of(List.of(), "x"), scope))
                .hasMessageEndingWith("select() takes an expression, so it can only be written in YAQL");
    }

    @Test
    void selectAndWhereEvaluateTheirExpressionPerElementWithDollarAsTheElement() {
        Scope scope = FixedScope.of(Map.of("vms", List.of(Map.of("name", "a", "up", true), Map.of("name", "b", "up", false)),
                "prefix", "vm-"));
        assertThat(eval("$.vms.select($.name)", scope)).isEqualTo(List.of("a", "b"));
        assertThat(eval("$.vms.where($.up).select(ctx(prefix) + $.name)", scope)).isEqualTo(List.of("vm-a"));
        assertThat(eval("select([1, 2, 3], $ * 10)", scope)).isEqualTo(List.of(10L, 20L, 30L));
        assertThat(eval("[1, 2, 3, 4].where($ mod 2 = 0)", scope)).isEqualTo(List.of(2L, 4L));
        assertThat(eval("[[1, 2], [3]].select($.select($ + 1))", scope)).isEqualTo(List.of(List.of(2L, 3L), List.of(4L)));
        assertThat(eval("$.vms.select($.name).len() + len($.prefix)", scope)).isEqualTo(5L);
        assertThat(failure("$.vms.select($.nope)", scope)).endsWith("$ has no key 'nope'");
        assertThat(failure("$.prefix.select($)", scope)).endsWith("select() takes a list, not a string");
    }

    @Test
    void perElementExpressionsAreBoundedInSteps() {
        Scope scope = FixedScope.of(Map.of("l", java.util.Collections.nCopies(200, 1)));
        assertThat(failure("$.l.select(ctx(l).select(ctx(l).select($)))", scope))
                .endsWith("the expression took more than 1000000 steps");
    }

    @Test
    void distinctAndSumWorkOnLists() {
        assertThat(eval("[1, 2, 1.0, 'a', 'a', [1], [1]].distinct()")).isEqualTo(List.of(1L, 2L, "a", List.of(1L)));
        assertThat(eval("sum($.l)")).isEqualTo(6L);
        assertThat(eval("[1, 2.5].sum()")).isEqualTo(3.5);
        assertThat(eval("[].sum()")).isEqualTo(0L);
        assertThat(failure("['a'].sum()")).endsWith("cannot add an integer and a string (convert with str())");
        assertThat(failure("distinct('ab')")).endsWith("distinct() takes a list, not a string");
    }

    @Test
    void stringMethodsWork() {
        assertThat(eval("['a', 1, true].join(', ')")).isEqualTo("a, 1, true");
        assertThat(eval("'-'.join(['x', 'y'])")).isEqualTo("x-y");
        assertThat(eval("join($.l, '+')")).isEqualTo("1+2+3");
        assertThat(eval("'a,b,,c'.split(',')")).isEqualTo(List.of("a", "b", "", "c"));
        assertThat(eval("'  a  b\tc '.split()")).isEqualTo(List.of("a", "b", "c"));
        assertThat(eval("'a.b'.split('.')")).isEqualTo(List.of("a", "b"));
        assertThat(eval("$.s.toUpper()")).isEqualTo("HÉLLO");
        assertThat(eval("toLower('ABC')")).isEqualTo("abc");
        assertThat(eval("'  x '.trim()")).isEqualTo("x");
        assertThat(eval("'a-b-c'.replace('-', '+')")).isEqualTo("a+b+c");
        assertThat(eval("$.s.startsWith('hé')")).isEqualTo(true);
        assertThat(eval("endsWith($.s, 'x')")).isEqualTo(false);
        assertThat(failure("trim(1)")).endsWith("trim() takes a string, not an integer");
        assertThat(failure("join(1, 2)")).endsWith("join() takes a list, not an integer");
    }
}
