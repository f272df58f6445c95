package io.attune.domain.archconforming;

import io.attune.domain.archconforming.text.Salutation;
import java.util.List;

/** A domain record that uses primitives and arrays (of the JDK's, of its own and of primitives), as domain code may. */
public record Greeting(Salutation salutation, String[] names, int[] counts, long at, char mark) {

    public Greeting {
        names = names.clone();
        counts = counts.clone();
    }

    public static Greeting[] pairOf(Greeting first, Greeting second) {
        return new Greeting[] {first, second};
    }

    public List<String> lines() {
        return List.of(names);
    }
}
