package io.attune.adapters.runtime;

/**
 * The shell script that supervises every action and sensor process ({@code setsid setpriv --pdeathsig=HUP -- sh -c
 * <script> <server pid> <command…>}); public so that the benchmarks' spawn floor runs exactly what Attune runs.
 */
public final class SupervisorScript {

    /**
     * $1 is the server's pid: a supervisor whose parent is already another process (the server died before the
     * parent-death signal was set) stops at once. Background jobs of a non-interactive sh read /dev/null unless told
     * otherwise, hence stdin kept on fd 3. {@code wait} returns early when a trapped signal arrives, hence the loop.
     */
    public static final String SCRIPT = """
            trap 'kill -KILL 0' HUP
            [ "$PPID" = "$1" ] || exit 125
            shift
            trap ':' TERM
            exec 3<&0 0</dev/null
            "$@" <&3 3<&- &
            child=$!
            exec 3<&-
            while :; do
              wait "$child"
              code=$?
              kill -0 "$child" 2>/dev/null || exit "$code"
            done
            """;

    private SupervisorScript() {
    }
}
