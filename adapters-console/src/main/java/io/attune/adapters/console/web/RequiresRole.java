package io.attune.adapters.console.web;

import io.attune.domain.identity.Role;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The lowest role that may call a console route (default: any signed-in user). {@link ConsoleFilter} refuses
 * others with 403 before the controller runs, whatever the page showed: the same rule the API's URL map states.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    Role value();
}
