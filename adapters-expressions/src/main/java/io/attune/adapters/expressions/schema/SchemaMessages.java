package io.attune.adapters.expressions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns networknt's validation messages into one plain sentence per problem, named by a dotted path. Alternatives
 * ({@code anyOf}/{@code oneOf}) are folded: the validator reports every branch, a person wants one answer.
 */
final class SchemaMessages {

    /** One problem: where (a dotted path; empty for the value itself) and what, in words. */
    record Problem(String path, String message) {
        String text() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    private static final Pattern ALTERNATIVE = Pattern.compile("/(?:anyOf|oneOf)/(\\d+)(?=/|$)");

    private SchemaMessages() {
    }

    /**
     * Describes {@code messages} with paths below {@code root}. With {@code metaSchema} the value is itself a schema
     * and alternatives are resolved to the first branch (the meta-schema lists the usual form first).
     */
    static List<Problem> describe(Collection<ValidationMessage> messages, String root, boolean metaSchema) {
        List<ValidationMessage> all = new ArrayList<>(messages);
        Set<ValidationMessage> folded = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Problem> problems = new LinkedHashSet<>();
        for (ValidationMessage message : all) {
            if (isSummary(message)) {
                String eval = message.getEvaluationPath().toString() + "/";
                List<ValidationMessage> branches = all.stream()
                        .filter(b -> b != message && b.getEvaluationPath().toString().startsWith(eval)).toList();
                folded.addAll(branches);
                problems.add(summary(message, branches, root));
            }
        }
        Map<String, List<ValidationMessage>> alternatives = new LinkedHashMap<>();
        for (ValidationMessage message : all) {
            if (folded.contains(message) || isSummary(message)) {
                continue;
            }
            Alternative alternative = lastAlternative(message);
            if (alternative == null) {
                problems.add(render(message, root, metaSchema));
            } else {
                String group = message.getEvaluationPath().toString().substring(0, alternative.branchStart());
                alternatives.computeIfAbsent(group, g -> new ArrayList<>()).add(message);
            }
        }
        alternatives.values().forEach(group -> problems.addAll(fold(group, root, metaSchema)));
        return List.copyOf(problems);
    }

    private static boolean isSummary(ValidationMessage message) {
        return "oneOf".equals(message.getType()) || "anyOf".equals(message.getType());
    }

    private static Problem summary(ValidationMessage message, List<ValidationMessage> branches, String root) {
        String path = SchemaPaths.of(root, message.getInstanceLocation());
        Object[] args = args(message);
        if (args.length > 0 && !"0".equals(String.valueOf(args[0]))) {
            return new Problem(path, "must match exactly one of the allowed forms, but matches " + args[0]);
        }
        List<String> reasons = branches.stream().map(b -> inline(render(b, root, false), path)).distinct().toList();
        return new Problem(path, reasons.isEmpty() ? "matches none of the allowed forms"
                : "matches none of the allowed forms: " + String.join("; or ", reasons));
    }

    /** The branches of one anyOf/oneOf: split by value (an array's items fail separately), then one answer each. */
    private static List<Problem> fold(List<ValidationMessage> group, String root, boolean metaSchema) {
        List<List<ValidationMessage>> clusters = new ArrayList<>();
        List<String> clusterRoots = new ArrayList<>();
        group.stream()
                .sorted((a, b) -> Integer.compare(a.getInstanceLocation().getNameCount(), b.getInstanceLocation().getNameCount()))
                .forEach(message -> {
                    String path = SchemaPaths.of("", message.getInstanceLocation());
                    for (int i = 0; i < clusters.size(); i++) {
                        if (SchemaPaths.within(path, clusterRoots.get(i))) {
                            clusters.get(i).add(message);
                            return;
                        }
                    }
                    clusters.add(new ArrayList<>(List.of(message)));
                    clusterRoots.add(path);
                });
        List<Problem> problems = new ArrayList<>();
        for (List<ValidationMessage> cluster : clusters) {
            int deepest = cluster.stream().mapToInt(m -> m.getInstanceLocation().getNameCount()).max().orElse(0);
            List<ValidationMessage> kept = cluster.stream().filter(m -> m.getInstanceLocation().getNameCount() == deepest).toList();
            Map<Integer, List<ValidationMessage>> byBranch = new LinkedHashMap<>();
            kept.forEach(m -> byBranch.computeIfAbsent(branch(m), b -> new ArrayList<>()).add(m));
            if (metaSchema || byBranch.size() == 1) {
                int first = byBranch.keySet().stream().mapToInt(Integer::intValue).min().orElse(0);
                byBranch.get(first).forEach(m -> problems.add(render(m, root, metaSchema)));
            } else {
                String path = SchemaPaths.of(root, kept.getFirst().getInstanceLocation());
                List<String> reasons = byBranch.values().stream()
                        .map(ms -> String.join(" and ", ms.stream().map(m -> inline(render(m, root, false), path)).distinct().toList()))
                        .distinct().toList();
                problems.add(new Problem(path, String.join(", or ", reasons)));
            }
        }
        return problems;
    }

    /** The innermost anyOf/oneOf a message comes from: where its branch number starts, and the number. */
    private record Alternative(int branchStart, int branch) {
    }

    private static Alternative lastAlternative(ValidationMessage message) {
        Matcher matcher = ALTERNATIVE.matcher(message.getEvaluationPath().toString());
        Alternative last = null;
        while (matcher.find()) {
            last = new Alternative(matcher.start(1), Integer.parseInt(matcher.group(1)));
        }
        return last;
    }

    private static int branch(ValidationMessage message) {
        Alternative alternative = lastAlternative(message);
        return alternative == null ? 0 : alternative.branch();
    }

    /** A problem's sentence for use inside another one about {@code path}: names the sub-field when it differs. */
    private static String inline(Problem problem, String path) {
        if (problem.path().equals(path)) {
            return problem.message();
        }
        String sub = problem.path().startsWith(path) ? problem.path().substring(path.length()).replaceFirst("^\\.", "")
                : problem.path();
        return "'" + sub + "' " + problem.message();
    }

    private static Problem render(ValidationMessage message, String root, boolean metaSchema) {
        String path = SchemaPaths.of(root, message.getInstanceLocation());
        Object[] args = args(message);
        String first = args.length > 0 ? String.valueOf(args[0]) : "";
        JsonNode schemaNode = message.getSchemaNode();
        String type = message.getType() == null ? "" : message.getType();
        return switch (type) {
            case "required" -> new Problem(SchemaPaths.child(path, property(message, first)), "is required");
            case "additionalProperties", "unevaluatedProperties" ->
                    new Problem(SchemaPaths.child(path, property(message, first)), "is not allowed here (not a known property)");
            case "dependentRequired" -> new Problem(SchemaPaths.child(path, first),
                    "is required when '" + (args.length > 1 ? args[1] : "") + "' is given");
            case "false" -> new Problem(path, "is not allowed");
            case "type" -> new Problem(path, "must be " + types(args.length > 1 ? String.valueOf(args[1]) : "")
                    + ", got " + article(first));
            case "enum" -> metaSchema && isTypeKeyword(path)
                    ? new Problem(path, "'" + shown(message.getInstanceNode()) + "' is not a JSON Schema type: use "
                            + String.join(", ", values(schemaNode, first)))
                    : new Problem(path, "must be one of " + String.join(", ", values(schemaNode, first)));
            case "const" -> new Problem(path, "must be " + (schemaNode == null ? first : shown(schemaNode)));
            case "minimum" -> new Problem(path, "must be at least " + first);
            case "maximum" -> new Problem(path, "must be at most " + first);
            case "exclusiveMinimum" -> new Problem(path, "must be greater than " + first);
            case "exclusiveMaximum" -> new Problem(path, "must be less than " + first);
            case "minLength" -> new Problem(path, "must be at least " + plural(first, "character") + " long");
            case "maxLength" -> new Problem(path, "must be at most " + plural(first, "character") + " long");
            case "pattern" -> new Problem(path, "must match the pattern " + first);
            case "format" -> new Problem(path, "must be a valid " + first);
            case "minItems" -> new Problem(path, "must have at least " + plural(first, "item"));
            case "maxItems" -> new Problem(path, "must have at most " + plural(first, "item"));
            case "uniqueItems" -> new Problem(path, "must not contain the same item twice");
            case "minProperties" -> new Problem(path, "must have at least " + plural(first, "property"));
            case "maxProperties" -> new Problem(path, "must have at most " + plural(first, "property"));
            case "multipleOf" -> new Problem(path, "must be a multiple of " + first);
            case "not" -> new Problem(path, "must not match " + (schemaNode == null ? "the excluded form" : schemaNode.toString()));
            default -> new Problem(path, withoutLocation(message.getMessage()));
        };
    }

    private static Object[] args(ValidationMessage message) {
        return message.getArguments() == null ? new Object[0] : message.getArguments();
    }

    private static String property(ValidationMessage message, String fallback) {
        return message.getProperty() != null ? message.getProperty() : fallback;
    }

    private static boolean isTypeKeyword(String path) {
        return path.equals("type") || path.endsWith(".type") || path.matches(".*(^|\\.)type\\[\\d+]$");
    }

    private static List<String> values(JsonNode node, String fallback) {
        if (node != null && node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(v -> values.add(shown(v)));
            return values;
        }
        return List.of(fallback.replaceAll("^\\[|]$", "").replace("\"", "").split(",\\s*"));
    }

    private static String shown(JsonNode node) {
        return node == null ? "" : node.isTextual() ? node.asText() : node.toString();
    }

    /** "string" → "a string"; "[string, integer]" → "a string or an integer". */
    private static String types(String expected) {
        String list = expected.replaceAll("^\\[|]$", "");
        List<String> names = List.of(list.split(",\\s*"));
        return String.join(" or ", names.stream().map(SchemaMessages::article).toList());
    }

    private static String article(String type) {
        return switch (type) {
            case "null" -> "null";
            case "integer", "object", "array" -> "an " + type;
            case "", "unknown", "any" -> "a value of another type";
            default -> "a " + type;
        };
    }

    private static String plural(String count, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return count + " " + ("1".equals(count) ? noun : plural);
    }

    private static String withoutLocation(String message) {
        if (message == null) {
            return "is invalid";
        }
        int colon = message.indexOf(": ");
        return colon >= 0 ? message.substring(colon + 2) : message;
    }
}
