package io.attune.domain.action;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Worker labels: what a worker advertises ({@code ATTUNE_WORKER_LABELS}) and what an action may ask for
 * ({@code worker_labels}), as {@code key=value} pairs; a bare {@code key} means {@code key=true}. Keys are lowercase
 * letters, digits, {@code _}, {@code -} and {@code .}, starting with a letter; values letters, digits, {@code _},
 * {@code -} and {@code .}. An action asking for labels runs only on a worker that has every one of them.
 */
public final class WorkerLabels {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,62}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.-]{1,63}");
    /** The most labels a worker advertises or an action asks for (a worker consumes a queue per part of its labels). */
    public static final int MAX = 5;

    private WorkerLabels() {
    }

    /**
     * Reads {@code key=value,key2=value2} (or bare keys); blank reads as no labels. Throws IllegalArgumentException
     * naming the pair that is not a label.
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        for (String pair : text.split(",", -1)) {
            String item = pair.strip();
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).strip();
            String value = eq < 0 ? "true" : item.substring(eq + 1).strip();
            put(labels, key, value);
        }
        return bounded(labels);
    }

    /** Checks each key and value; throws IllegalArgumentException naming the first that is not a label. */
    public static Map<String, String> of(Map<String, String> labels) {
        Map<String, String> checked = new TreeMap<>();
        labels.forEach((k, v) -> put(checked, k, v));
        return bounded(checked);
    }

    private static Map<String, String> bounded(Map<String, String> labels) {
        if (labels.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " labels, got " + labels.size());
        }
        return Map.copyOf(labels);
    }

    private static void put(Map<String, String> labels, String key, String value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + key + "' is not a label name: lowercase letters, digits, _, - and ."
                    + " starting with a letter, at most 63 characters");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' (label " + key + ") is not a label value: letters,"
                    + " digits, _, - and ., 1 to 63 characters");
        }
        if (labels.put(key, value) != null) {
            throw new IllegalArgumentException("label " + key + " is given twice");
        }
    }

    /** {@code key=value} pairs by key, comma-separated: the same labels always read the same. */
    public static String format(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * Every non-empty part of these labels, each in {@link #format} order: the label sets of the actions a worker with
     * these labels can run (besides those asking for none). At most {@value #MAX} labels, so at most 2^MAX - 1 parts.
     */
    public static java.util.List<Map<String, String>> subsets(Map<String, String> labels) {
        java.util.List<Map.Entry<String, String>> entries = java.util.List.copyOf(new TreeMap<>(labels).entrySet());
        java.util.List<Map<String, String>> subsets = new java.util.ArrayList<>();
        for (int mask = 1; mask < 1 << entries.size(); mask++) {
            Map<String, String> subset = new TreeMap<>();
            for (int i = 0; i < entries.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.put(entries.get(i).getKey(), entries.get(i).getValue());
                }
            }
            subsets.add(Map.copyOf(subset));
        }
        return subsets;
    }

    /** Whether a worker with {@code advertised} labels has every label {@code wanted}. */
    public static boolean satisfies(Map<String, String> advertised, Map<String, String> wanted) {
        return advertised.entrySet().containsAll(wanted.entrySet());
    }
}
