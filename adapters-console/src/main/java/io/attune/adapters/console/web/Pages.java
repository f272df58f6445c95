package io.attune.adapters.console.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.core.io.Writable;
import io.micronaut.http.MediaType;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.views.ViewsRendererLocator;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds what a console controller returns: a template name and its model, always with the {@link PageContext} the
 * layout reads as {@code ctx}. Templates live in {@code src/main/jte} (precompiled, HTML-escaped by default).
 */
@Singleton
public final class Pages {

    private final Csrf csrf;
    private final ViewsRendererLocator renderers;

    Pages(Csrf csrf, ViewsRendererLocator renderers) {
        this.csrf = csrf;
        this.renderers = renderers;
    }

    /** Renders a page now (for responses the views filter does not render: errors). */
    public Writable render(HttpRequest<?> request, ModelAndView<?> page) {
        String view = page.getView().orElseThrow(() -> new IllegalArgumentException("a page without a template"));
        Object model = page.getModel().orElse(null);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ViewsRenderer<Object, HttpRequest<?>> renderer = (ViewsRenderer<Object, HttpRequest<?>>) renderers.resolveViewsRenderer(view, MediaType.TEXT_HTML, model)
                .orElseThrow(() -> new IllegalStateException("no template '" + view + "'"));
        return renderer.render(view, model, request);
    }

    /** A page for the signed-in user: {@code template} (without .jte) with {@code model} and the page context. */
    public ModelAndView<Map<String, Object>> page(HttpRequest<?> request, String template, String title, String active,
                                                  Map<String, ?> model) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("ctx", context(request, title, active));
        return new ModelAndView<>(template, all);
    }

    /** The error page (404, 403, 409 …) with a message a person can act on. */
    public ModelAndView<Map<String, Object>> error(HttpRequest<?> request, HttpStatus status, String message) {
        return page(request, "error", status.getCode() + " " + status.getReason(), "",
                Map.of("status", status.getCode(), "message", message));
    }

    private PageContext context(HttpRequest<?> request, String title, String active) {
        Optional<ConsoleUser> user = request.getAttribute(ConsoleFilter.USER, ConsoleUser.class);
        String token = ConsoleFilter.sessionId(request).map(csrf::token).orElse("");
        return new PageContext(title, active, user, token, user.map(Navigation::visibleTo).orElse(List.of()));
    }
}
