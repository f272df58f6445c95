package io.attune.bootstrap.console;

import static io.attune.bootstrap.api.ApiTesting.packFiles;
import static io.attune.bootstrap.api.ApiTesting.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.attune.bootstrap.support.Api;
import io.attune.bootstrap.support.TestApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packs pages in headless Chromium: an admin uploads a zip through the file input (the form's CSRF token travels
 * in its action), reads the install report, and uninstalls the pack through the confirmation on its page. Leaves a
 * screenshot of each step in target/console-screenshots.
 */
@Tag("browser")
class ConsolePacksBrowserTest {

    private static final String PACK = "console_browser_" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anAdminUploadsAPackThenUninstallsIt(@TempDir Path dir) throws IOException {
        Browser.assumePresent();
        String url = TestApplication.shared().url();
        Api admin = new Api(url);
        Path archive = Files.write(dir.resolve(PACK + ".zip"), zip(PACK + "/", packFiles(PACK)));
        try (Browser browser = Browser.open(url)) {
            browser.signIn("admin", TestApplication.ADMIN_PASSWORD);
            browser.go("/packs");
            browser.find("#upload-archive").sendKeys(archive.toString());
            browser.find("#upload-pack").click();
            browser.waitFor("the install report", d -> browser.has("#install-report"));
            assertThat(browser.find("#install-report h2").getText()).contains(PACK);
            assertThat(browser.find("#report-actions").getText()).isEqualTo("1");
            assertThat(browser.has("#pack-" + PACK)).isTrue();
            browser.screenshot("anAdminUploadsAPack");
            assertThat(admin.get("/api/v1/packs/" + PACK).status()).isEqualTo(200);

            browser.find("#install-report h2 a").click();
            browser.waitFor("the pack's page", d -> browser.path().equals("/packs/" + PACK));
            assertThat(browser.find("#uninstall-" + PACK).isDisplayed()).isFalse();
            browser.find("#uninstall summary").click();
            browser.waitFor("the confirmation", d -> browser.find("#uninstall-" + PACK).isDisplayed());
            browser.find("#uninstall-" + PACK).click();
            browser.waitFor("the list again", d -> browser.has("#pack-uninstalled"));
            assertThat(browser.has("#pack-" + PACK)).isFalse();
            browser.screenshot("anAdminUninstallsAPack");
            assertThat(admin.get("/api/v1/packs/" + PACK).status()).isEqualTo(404);
        }
    }
}
