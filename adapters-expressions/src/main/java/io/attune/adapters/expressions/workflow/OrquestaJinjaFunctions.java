package io.attune.adapters.expressions.workflow;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * The workflow functions as Jinja sees them ({@code {{ ctx('x') }}}, {@code {{ result() }}}…): each reads the
 * {@link WorkflowInterpreter} running the template and calls the YAQL function of the same name, so both languages
 * answer alike. Public only because Jinjava calls them by reflection.
 */
public final class OrquestaJinjaFunctions {

    private OrquestaJinjaFunctions() {
    }

    public static Object ctx(Object... args) {
        return call("ctx", args);
    }

    public static Object result(Object... args) {
        return call("result", args);
    }

    public static Object succeeded(Object... args) {
        return call("succeeded", args);
    }

    public static Object failed(Object... args) {
        return call("failed", args);
    }

    public static Object completed(Object... args) {
        return call("completed", args);
    }

    public static Object taskStatus(Object... args) {
        return call("task_status", args);
    }

    public static Object item(Object... args) {
        return call("item", args);
    }

    public static Object st2kv(Object... args) {
        return call("st2kv", args);
    }

    private static Object call(String name, Object[] args) {
        if (JinjavaInterpreter.getCurrent() instanceof WorkflowInterpreter interpreter) {
            return interpreter.call(name, args);
        }
        throw new IllegalStateException(name + "() is only available in workflow expressions");
    }
}
