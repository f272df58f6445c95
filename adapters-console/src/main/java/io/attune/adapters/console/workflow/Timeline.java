package io.attune.adapters.console.workflow;

import io.attune.adapters.console.web.Formats;
import io.attune.application.port.in.WorkflowCommands.TaskRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Gantt chart of a workflow's task runs, as SVG bars in a {@value #WIDTH}-unit wide box: one row per run in the
 * order they started, from the first start to the last end (now while a run goes on).
 */
public record Timeline(int width, int height, String span, List<Bar> bars) {

    static final int WIDTH = 1000;
    static final int LABEL = 180;
    static final int ROW = 24;

    /** One run: its row, where its bar starts and how long it is (at least 2 units, so an instant run shows). */
    public record Bar(String task, int run, String status, int y, int x, int length, String duration,
                      Optional<Long> execution) {

        public int textY() {
            return y + 16;
        }
    }

    public static Timeline of(List<TaskRun> runs, Instant now) {
        if (runs.isEmpty()) {
            return new Timeline(WIDTH, 0, "", List.of());
        }
        Instant start = runs.stream().map(TaskRun::startedAt).min(Instant::compareTo).orElseThrow();
        Instant end = runs.stream().map(r -> r.endedAt().orElse(now)).max(Instant::compareTo).orElseThrow();
        long total = Math.max(1, Duration.between(start, end).toMillis());
        int track = WIDTH - LABEL - 10;
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (TaskRun run : runs) {
            Instant ended = run.endedAt().orElse(now);
            long from = Duration.between(start, run.startedAt()).toMillis();
            long length = Duration.between(run.startedAt(), ended).toMillis();
            int x = LABEL + (int) (track * from / total);
            int w = Math.max(2, (int) (track * length / total));
            bars.add(new Bar(run.task(), run.run(), run.status().code(), y, x, Math.min(w, WIDTH - x),
                    Formats.duration(Duration.ofMillis(length)) + (run.endedAt().isEmpty() ? " so far" : ""),
                    run.executions().isEmpty() ? Optional.empty()
                            : Optional.of(run.executions().get(run.executions().size() - 1))));
            y += ROW;
        }
        return new Timeline(WIDTH, y + 4, Formats.duration(Duration.ofMillis(total)), bars);
    }
}
