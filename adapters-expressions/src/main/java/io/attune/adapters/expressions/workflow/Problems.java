package io.attune.adapters.expressions.workflow;

import io.attune.application.port.in.FieldError;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one workflow file, each naming the file and the field's path ({@code tasks.t.next[0].do}). */
final class Problems {

    private final String file;
    private final List<FieldError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(String path, String message) {
        errors.add(FieldError.inFile(file, path, message));
    }

    int count() {
        return errors.size();
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
