package io.attune.adapters.expressions.pack;

import io.attune.application.port.in.FieldError;
import java.util.List;

/** Collects the problems of one pack file (named relative to the pack, e.g. {@code actions/greet.yaml}) into the pack's list. */
final class FileProblems {

    private final String file;
    private final List<FieldError> sink;
    private int count;

    FileProblems(String file, List<FieldError> sink) {
        this.file = file;
        this.sink = sink;
    }

    String file() {
        return file;
    }

    void add(String field, String message) {
        sink.add(FieldError.inFile(file, field, message));
        count++;
    }

    /** How many problems this file has had so far; compare before and after a step to see whether it failed. */
    int count() {
        return count;
    }
}
