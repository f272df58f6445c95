package io.attune.application.service;

import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.UseCaseException;
import io.attune.application.port.out.WorkflowDefinitions;
import io.attune.application.port.out.WorkflowReader;
import io.attune.domain.common.Ref;
import io.attune.domain.workflow.WorkflowDefinition;
import io.attune.domain.workflow.WorkflowEngine;
import io.attune.domain.workflow.WorkflowSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow definitions of workflow actions, parsed once per (action, text) and cached: a running workflow keeps
 * the text it started with (stored with its state), a re-uploaded pack changes only the workflows started after it.
 */
public final class WorkflowCatalog {

    private static final int CACHE_LIMIT = 512;

    private final WorkflowDefinitions sources;
    private final WorkflowReader reader;
    private final Map<String, WorkflowDefinition> parsed = new ConcurrentHashMap<>();

    public WorkflowCatalog(WorkflowDefinitions sources, WorkflowReader reader) {
        this.sources = sources;
        this.reader = reader;
    }

    /** The current source of a workflow action; Invalid naming the action when it has none. */
    WorkflowSource source(Ref action) {
        return sources.find(action).orElseThrow(() -> UseCaseException.Invalid.of("action",
                "action '" + action + "' is a workflow without a workflow definition"));
    }

    /** The definition a source declares; Invalid with every problem when it is not a valid workflow. */
    WorkflowDefinition parse(Ref action, WorkflowSource source) {
        String text = source.text();
        String key = action + "\n" + digest(text);
        WorkflowDefinition known = parsed.get(key);
        if (known != null) {
            return known;
        }
        WorkflowDefinition definition = switch (reader.read(text, source.file())) {
            case WorkflowReader.Read.Valid valid -> valid.definition();
            case WorkflowReader.Read.Invalid invalid -> throw new UseCaseException.Invalid("the workflow of '" + action
                    + "' is not valid: " + invalid.errors().stream().map(FieldError::toString).toList(),
                    invalid.errors());
        };
        if (parsed.size() >= CACHE_LIMIT) {
            parsed.clear(); // definitions are cheap to parse again; the cache only spares the hot path
        }
        parsed.put(key, definition);
        return definition;
    }

    /**
     * The problems of a workflow's input (the parameters of a request), each naming its field (the engine puts it under
     * {@code parameters}); Invalid when the action has no valid workflow definition. {@code source} is the workflow's
     * source when it is not the action's current one (a rerun runs the source its original ran).
     */
    List<FieldError> checkInput(Ref action, Optional<WorkflowSource> source, Map<String, Object> input) {
        WorkflowDefinition definition = parse(action, source.orElseGet(() -> source(action)));
        return WorkflowEngine.checkInput(definition, input).stream()
                .map(problem -> FieldError.of(problem.getKey(), problem.getValue())).toList();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
