package io.attune.domain.archconforming.text;

/** A lower domain package that the one above uses, without a way back. */
public enum Salutation {
    HELLO,
    GOOD_MORNING
}
