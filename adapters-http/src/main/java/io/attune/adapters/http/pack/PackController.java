package io.attune.adapters.http.pack;

import io.attune.adapters.http.problem.Problem;
import io.attune.adapters.http.security.Callers;
import io.attune.adapters.http.support.ListResponse;
import io.attune.adapters.http.support.Params;
import io.attune.adapters.http.support.UnknownFields;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.PackInstallation.InstallReport;
import io.attune.application.port.in.PackManagement;
import io.attune.application.port.in.PackManagement.InstallFromPath;
import io.attune.application.port.in.PackManagement.UploadPack;
import io.attune.domain.pack.Pack;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** REST API v1 for packs: list, show, install from a server directory or an uploaded archive, uninstall. */
@Controller("/api/v1/packs")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Packs")
@ApiResponse(responseCode = "4XX", description = "the request cannot be served: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "5XX", description = "the server failed: a problem document (RFC 9457)",
        content = @Content(mediaType = MediaType.APPLICATION_JSON_PROBLEM, schema = @Schema(implementation = Problem.class)))
public final class PackController {

    private final CatalogQueries catalog;
    private final PackManagement packs;

    PackController(CatalogQueries catalog, PackManagement packs) {
        this.catalog = catalog;
        this.packs = packs;
    }

    /**
     * Lists installed packs, ordered by ref. Only admins see where a pack's files are.
     *
     * @param limit  at most this many items, 1 to 1000
     * @param offset skip this many items
     * @return one page of packs
     */
    @Operation(operationId = "listPacks")
    @Get
    public ListResponse<PackJson> list(@QueryValue(defaultValue = "50") int limit,
                                       @QueryValue(defaultValue = "0") int offset, HttpRequest<?> request) {
        boolean admin = Callers.isAdmin(request);
        return ListResponse.of(catalog.packs(Params.page(limit, offset)), pack -> json(pack, admin));
    }

    /**
     * Shows one pack. Only admins see where its files are (relative to the data directory when inside it).
     *
     * @param ref the pack's name
     * @return the pack
     */
    @Operation(operationId = "getPack")
    @Get("/{ref}")
    public PackJson get(@PathVariable String ref, HttpRequest<?> request) {
        return json(catalog.pack(Params.packName("ref", ref)), Callers.isAdmin(request));
    }

    /**
     * Installs (or re-installs) the pack in a directory on the server. Everything is validated first; an invalid
     * pack is refused with every problem named by file and field, and nothing is written.
     *
     * @param request the directory
     * @return what was installed and retired
     */
    @Operation(operationId = "installPack")
    @ApiResponse(responseCode = "201", description = "installed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstallReportJson.class)))
    @Post("/install")
    public HttpResponse<InstallReportJson> install(@Body InstallRequest request) {
        UnknownFields.refuse(request.unknown());
        return created(packs.install(new InstallFromPath(request.path())));
    }

    /**
     * Installs (or re-installs) a pack uploaded as an archive: tar.gz, tgz or zip, holding the pack at its root or
     * inside a single top-level folder. Entries that would land outside the extraction directory, devices and pipes,
     * and archives that cannot be read are refused (400), as are archives over the size limits (413). Only the
     * installed version's files stay on disk: a re-upload removes the copy it replaces, a refused one its own.
     *
     * @param archive the archive, as the multipart field {@code archive}
     * @return what was installed and retired
     */
    @Operation(operationId = "uploadPack")
    @ApiResponse(responseCode = "201", description = "installed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstallReportJson.class)))
    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA)
    public HttpResponse<InstallReportJson> upload(@Part("archive") CompletedFileUpload archive) {
        InputStream content;
        try {
            content = archive.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the uploaded archive", e);
        }
        return created(packs.upload(new UploadPack(content, archive.getSize())));
    }

    /**
     * Uninstalls a pack and everything it installed; an uploaded pack's files are removed from disk too.
     *
     * @param ref the pack's name
     */
    @Operation(operationId = "uninstallPack")
    @Delete("/{ref}")
    @Status(HttpStatus.NO_CONTENT)
    public void uninstall(@PathVariable String ref) {
        packs.uninstall(Params.packName("ref", ref));
    }

    private HttpResponse<InstallReportJson> created(InstallReport report) {
        return HttpResponse.created(InstallReportJson.of(report, packs.location(report.pack())),
                UriBuilder.of("/api/v1/packs").path(report.pack().ref()).build());
    }

    private PackJson json(Pack pack, boolean admin) {
        return PackJson.of(pack, admin ? packs.location(pack) : null);
    }
}
