package io.attune.adapters.console.workflow;

import io.attune.application.port.in.WorkflowCommands.TaskRun;
import io.attune.domain.workflow.TaskSpec;
import io.attune.domain.workflow.WorkflowDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow's task graph laid out on the server as SVG coordinates, so the page needs no drawing library and reads
 * without JavaScript: a layered layout where a task's column is its distance (fewest transitions) from a start task,
 * tasks of a column stacked in definition order; transitions are edges, a transition back to an earlier or the same
 * column (a retry loop) is drawn as an arc below. Each node carries the status of the task's latest run and links to
 * that run's latest execution.
 */
public record TaskGraph(int width, int height, List<Node> nodes, List<Edge> edges) {

    static final int NODE_WIDTH = 150;
    static final int NODE_HEIGHT = 44;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 26;
    static final int MARGIN = 16;

    /** A task: where it is drawn, its status ({@code not-started} before its first run) and its latest execution. */
    public record Node(String task, String action, int x, int y, String status, Optional<Long> execution, int runs) {

        public int centerX() {
            return x + NODE_WIDTH / 2;
        }

        public int width() {
            return NODE_WIDTH;
        }

        public int height() {
            return NODE_HEIGHT;
        }

        /** The task's name cut to fit its box (the full name is in the node's title). */
        public String label() {
            return task.length() > 18 ? task.substring(0, 17) + "…" : task;
        }

        public String actionLabel() {
            return action.length() > 22 ? action.substring(0, 21) + "…" : action;
        }
    }

    /** A transition: the SVG path from one task to another, its condition, and whether a run took it. */
    public record Edge(String from, String to, String path, String when, boolean taken) {
    }

    public static TaskGraph of(WorkflowDefinition definition, List<TaskRun> runs) {
        Map<String, Integer> column = columns(definition);
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        Map<String, TaskRun> latest = new HashMap<>();
        Map<String, Integer> runCount = new HashMap<>();
        for (TaskRun run : runs) {
            latest.put(run.task(), run);
            runCount.merge(run.task(), 1, Integer::sum);
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (TaskSpec task : definition.tasks().values()) {
            int c = column.get(task.name());
            int row = rowsUsed.merge(c, 1, Integer::sum) - 1;
            TaskRun run = latest.get(task.name());
            String status = run == null ? "not-started" : run.status().code();
            Optional<Long> execution = run == null || run.executions().isEmpty() ? Optional.empty()
                    : Optional.of(run.executions().get(run.executions().size() - 1));
            nodes.put(task.name(), new Node(task.name(), task.action().orElse("(no action)"),
                    MARGIN + c * (NODE_WIDTH + COLUMN_GAP), MARGIN + row * (NODE_HEIGHT + ROW_GAP), status, execution,
                    runCount.getOrDefault(task.name(), 0)));
        }
        int maxColumn = column.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int maxRows = rowsUsed.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<Edge> edges = new ArrayList<>();
        boolean anyBack = false;
        int bottom = MARGIN + maxRows * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
        for (TaskSpec task : definition.tasks().values()) {
            Node from = nodes.get(task.name());
            for (TaskSpec.Transition transition : task.next()) {
                for (String target : transition.targets()) {
                    Node to = nodes.get(target);
                    if (to == null) {
                        continue;   // an engine command (continue, fail, noop, retry), not a task
                    }
                    boolean back = to.x() <= from.x();
                    anyBack |= back;
                    edges.add(new Edge(from.task(), to.task(), back ? arc(from, to, bottom) : line(from, to),
                            transition.when().orElse(""), taken(latest.get(task.name()), target)));
                }
            }
        }
        int width = 2 * MARGIN + (maxColumn + 1) * NODE_WIDTH + maxColumn * COLUMN_GAP;
        int height = bottom + MARGIN + (anyBack ? 40 : 0);
        return new TaskGraph(width, height, List.copyOf(nodes.values()), edges);
    }

    /** Whether the latest run of the task went on to {@code target} (its route names it). */
    private static boolean taken(TaskRun run, String target) {
        return run != null && run.status().isEnded() && run.route().contains(target);
    }

    /** Breadth-first from the start tasks: each task's fewest transitions from a start (unreachable ones: column 0). */
    private static Map<String, Integer> columns(WorkflowDefinition definition) {
        Map<String, Integer> column = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        for (TaskSpec start : definition.startTasks()) {
            column.put(start.name(), 0);
            queue.add(start.name());
        }
        while (!queue.isEmpty()) {
            String name = queue.poll();
            TaskSpec task = definition.tasks().get(name);
            for (TaskSpec.Transition transition : task.next()) {
                for (String target : transition.targets()) {
                    if (definition.tasks().containsKey(target) && !column.containsKey(target)) {
                        column.put(target, column.get(name) + 1);
                        queue.add(target);
                    }
                }
            }
        }
        definition.tasks().keySet().forEach(name -> column.putIfAbsent(name, 0));
        return column;
    }

    private static String line(Node from, Node to) {
        int x1 = from.x() + NODE_WIDTH;
        int y1 = from.y() + NODE_HEIGHT / 2;
        int x2 = to.x();
        int y2 = to.y() + NODE_HEIGHT / 2;
        int mid = (x1 + x2) / 2;
        return String.format(Locale.ROOT, "M%d,%d C%d,%d %d,%d %d,%d", x1, y1, mid, y1, mid, y2, x2 - 2, y2);
    }

    private static String arc(Node from, Node to, int bottom) {
        int x1 = from.centerX();
        int y1 = from.y() + NODE_HEIGHT;
        int x2 = to.centerX() + (from == to ? 20 : 0);
        int y2 = to.y() + NODE_HEIGHT + 2;
        int low = bottom + 30;
        return String.format(Locale.ROOT, "M%d,%d C%d,%d %d,%d %d,%d", x1, y1, x1, low, x2, low, x2, y2);
    }
}
