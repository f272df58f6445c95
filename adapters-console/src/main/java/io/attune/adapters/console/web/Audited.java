package io.attune.adapters.console.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The audit trail's name for what a console route changes ({@code execution.run}, the API's names): {@link
 * ConsoleFilter} records it, whatever its outcome, as the API's audit filter records the API's changes. A state change
 * without it is recorded as {@code console.request}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {
    String value();
}
