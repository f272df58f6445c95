package io.attune.adapters.postgres;

import java.util.Optional;
import java.util.function.Function;

/** Decodes the stored codes of domain enums; an unknown code means the schema and the code disagree. */
final class Codes {

    private Codes() {
    }

    static <E> E decode(Function<String, Optional<E>> fromCode, String column, String code) {
        return fromCode.apply(code).orElseThrow(() ->
                new PersistenceException("unknown " + column + " '" + code + "' stored in the database"));
    }
}
