package io.attune.adapters.console.pack;

import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.domain.pack.Pack;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The installed packs (read-only): the list, and a pack's content (its actions, triggers, sensors and rules, the
 * first {@value #CONTENT} of each). Installing, uploading and uninstalling stay with the API and the CLI for now.
 */
@Controller("/packs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class PacksController {

    static final int PAGE = 50;
    static final int CONTENT = 200;

    private final CatalogQueries catalog;
    private final Pages pages;

    PacksController(CatalogQueries catalog, Pages pages) {
        this.catalog = catalog;
        this.pages = pages;
    }

    @Get
    public Object list(HttpRequest<?> request, @QueryValue(defaultValue = "0") int offset) {
        Page<Pack> page = catalog.packs(new PageRequest(PAGE, Math.max(0, offset)));
        return pages.page(request, "packs/list", "Packs", "packs",
                Map.of("packs", page.items(), "paging", Paging.of(page, "")));
    }

    @Get("/{ref}")
    public Object pack(HttpRequest<?> request, @PathVariable String ref) {
        Pack pack = catalog.pack(ref);
        ComponentFilter of = new ComponentFilter(Optional.of(pack.ref()), Optional.empty());
        PageRequest first = PageRequest.first(CONTENT);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("pack", pack);
        model.put("actions", catalog.actions(of, first));
        model.put("triggers", catalog.triggers(of, first));
        model.put("sensors", catalog.sensors(of, first));
        model.put("rules", catalog.rules(new RuleFilter(Optional.of(pack.ref()), null, null, null), first));
        return pages.page(request, "packs/pack", "Pack " + pack.ref(), "packs", model);
    }
}
