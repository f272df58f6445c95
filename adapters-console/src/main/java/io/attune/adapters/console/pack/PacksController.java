package io.attune.adapters.console.pack;

import io.attune.adapters.console.web.Audited;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.CatalogQueries.RuleFilter;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.PackInstallation.InstallReport;
import io.attune.application.port.in.PackManagement;
import io.attune.application.port.in.PackManagement.InstallFromPath;
import io.attune.application.port.in.PackManagement.UploadPack;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.common.Ref;
import io.attune.domain.identity.Role;
import io.attune.domain.pack.Pack;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The installed packs: the list, and a pack's content (its actions, triggers, sensors and rules, the first
 * {@value #CONTENT} of each). Admins (as in the API) also install a pack from a directory on the server or from an
 * uploaded archive, seeing the install report or what is wrong, and uninstall a pack after confirming it.
 */
@Controller("/packs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class PacksController {

    static final int PAGE = 50;
    static final int CONTENT = 200;

    private final CatalogQueries catalog;
    private final PackManagement packs;
    private final Pages pages;

    PacksController(CatalogQueries catalog, PackManagement packs, Pages pages) {
        this.catalog = catalog;
        this.packs = packs;
        this.pages = pages;
    }

    /** What an install attempt shows above the list: its report, or what was wrong; {@code path} as typed. */
    public record Outcome(String path, @Nullable Installed installed, @Nullable Refused refused,
                          @Nullable String uninstalled) {

        static final Outcome NONE = new Outcome("", null, null, null);
    }

    /** A successful install: the report and where the pack's files are (as admins see it). */
    public record Installed(InstallReport report, String location) {
    }

    /** A refused install: the message and every problem, by file and field. */
    public record Refused(String message, List<FieldError> errors) {
    }

    @Get
    public Object list(HttpRequest<?> request, @QueryValue(defaultValue = "0") int offset,
                       @Nullable @QueryValue String uninstalled) {
        String gone = uninstalled != null && Ref.isValidPackName(uninstalled) ? uninstalled : null;
        return page(request, offset, new Outcome("", null, null, gone));
    }

    @Post(value = "/install", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.ADMIN)
    @Audited("pack.install")
    public Object install(HttpRequest<?> request, @Body Map<String, Object> body) {
        String path = new Form(body).text("path").strip();
        return installed(request, path, () -> packs.install(new InstallFromPath(path)));
    }

    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA)
    @RequiresRole(Role.ADMIN)
    @Audited("pack.install")
    public Object upload(HttpRequest<?> request, @Part("archive") CompletedFileUpload archive) {
        InputStream content;
        try {
            content = archive.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded archive", e);
        }
        return installed(request, "", () -> packs.upload(new UploadPack(content, archive.getSize())));
    }

    @Post(value = "/{ref}/uninstall", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.ADMIN)
    @Audited("pack.uninstall")
    public HttpResponse<?> uninstall(@PathVariable String ref) {
        if (!Ref.isValidPackName(ref)) {
            throw new UseCaseException.NotFound("pack", ref);
        }
        Pack removed = packs.uninstall(ref);
        return HttpResponse.seeOther(URI.create("/packs?uninstalled="
                + URLEncoder.encode(removed.ref(), StandardCharsets.UTF_8)));
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

    /** The list with the install's report, or with what was wrong (and the status that says so). */
    private Object installed(HttpRequest<?> request, String path, Supplier<InstallReport> install) {
        try {
            InstallReport report = install.get();
            return page(request, 0, new Outcome("", new Installed(report, packs.location(report.pack())), null, null));
        } catch (UseCaseException.Invalid e) {
            return refused(request, path, HttpStatus.UNPROCESSABLE_ENTITY, e, e.errors());
        } catch (UseCaseException.PackRejected e) {
            return refused(request, path, HttpStatus.UNPROCESSABLE_ENTITY, e, e.errors());
        } catch (UseCaseException.InvalidArchive e) {
            return refused(request, path, HttpStatus.BAD_REQUEST, e, e.errors());
        } catch (UseCaseException.TooLarge e) {
            return refused(request, path, HttpStatus.REQUEST_ENTITY_TOO_LARGE, e, e.errors());
        }
    }

    private Object refused(HttpRequest<?> request, String path, HttpStatus status, UseCaseException e,
                           List<FieldError> errors) {
        Outcome outcome = new Outcome(path, null, new Refused(e.getMessage(), errors), null);
        return ConsoleFilter.withStatus(request, status, page(request, 0, outcome));
    }

    private Object page(HttpRequest<?> request, int offset, Outcome outcome) {
        Page<Pack> page = catalog.packs(new PageRequest(PAGE, Math.max(0, offset)));
        return pages.page(request, "packs/list", "Packs", "packs",
                Map.of("packs", page.items(), "paging", Paging.of(page, ""), "outcome", outcome));
    }
}
