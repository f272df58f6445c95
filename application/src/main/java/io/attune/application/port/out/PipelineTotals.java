package io.attune.application.port.out;

/** How many events, enforcements and executions were ever stored, read cheaply (for per-stage rates). */
public interface PipelineTotals {

    /** The numbers handed out so far: they only grow (a rolled-back insert may skip one). */
    record Totals(long events, long enforcements, long executions) {
        public static final Totals NONE = new Totals(0, 0, 0);
    }

    Totals totals();
}
