package io.attune.adapters.console.web;

/**
 * Where the pages find their scripts: htmx and its SSE extension from their webjars (served from the jar under
 * {@code /webjars/**}), the console's own files under {@code /assets/**}. The versions are the poms'
 * ({@code AssetsTest} fails when a webjar of another version is on the classpath).
 */
public final class Assets {

    public static final String HTMX_VERSION = "2.0.8";
    public static final String HTMX_SSE_VERSION = "2.2.2";
    public static final String HTMX = "/webjars/htmx.org/" + HTMX_VERSION + "/dist/htmx.min.js";
    public static final String HTMX_SSE = "/webjars/htmx-ext-sse/" + HTMX_SSE_VERSION + "/sse.js";

    private Assets() {
    }
}
