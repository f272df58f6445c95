package io.attune.adapters.http.fake;

import io.attune.application.port.in.PackInstallation.InstallReport;
import io.attune.application.port.in.PackManagement;
import io.attune.application.port.out.PackArchives;
import io.attune.application.service.PackManagementService;
import io.attune.domain.pack.Pack;
import jakarta.inject.Singleton;

/**
 * The real pack management (the service bootstrap wires, over the real archive adapter) in front of the fake
 * installation: the upload tests see what is extracted, installed and removed from disk.
 */
@Singleton
public final class WiredPackManagement implements PackManagement {

    private final PackManagement service;

    WiredPackManagement(FakePackInstallation installation, PackArchives archives) {
        this.service = new PackManagementService(installation, archives);
    }

    @Override
    public InstallReport install(InstallFromPath command) {
        return service.install(command);
    }

    @Override
    public InstallReport upload(UploadPack command) {
        return service.upload(command);
    }

    @Override
    public Pack uninstall(String pack) {
        return service.uninstall(pack);
    }

    @Override
    public String location(Pack pack) {
        return service.location(pack);
    }
}
