package io.attune.bootstrap.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven by Selenium, for the console's browser tests. It uses the system's Chromium and
 * ChromeDriver (Debian's {@code chromium} and {@code chromium-driver}; other paths by {@code ATTUNE_TEST_CHROMIUM} and
 * {@code ATTUNE_TEST_CHROMEDRIVER}), named explicitly so that Selenium Manager never downloads a browser. Without
 * them the tests are skipped, saying so, unless {@code ATTUNE_TEST_REQUIRE_BROWSER=true} (CI), which fails them.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Skips the calling test (or fails it in CI) when there is no Chromium with its driver. */
    static void assumePresent() {
        String missing = missing();
        if (missing == null) {
            return;
        }
        String message = "console browser tests skipped: " + missing
                + " (install Debian's chromium and chromium-driver, or set ATTUNE_TEST_CHROMIUM and ATTUNE_TEST_CHROMEDRIVER)";
        if ("true".equals(System.getenv("ATTUNE_TEST_REQUIRE_BROWSER"))) {
            Assertions.fail(message);
        }
        System.out.println("[SKIPPED] " + message);
        Assumptions.abort(message);
    }

    private static String missing() {
        if (!Files.isExecutable(chromium())) {
            return "no Chromium at " + chromium();
        }
        if (!Files.isExecutable(chromedriver())) {
            return "no ChromeDriver at " + chromedriver();
        }
        return null;
    }

    private static Path chromium() {
        return Path.of(System.getenv().getOrDefault("ATTUNE_TEST_CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path chromedriver() {
        return Path.of(System.getenv().getOrDefault("ATTUNE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    static Browser open(String base) {
        assumePresent();
        System.setProperty("webdriver.chrome.driver", chromedriver().toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), base);
    }

    WebDriver driver() {
        return driver;
    }

    String base() {
        return base;
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    void signIn(String username, String password) {
        go("/login");
        find("#username").clear();
        find("#username").sendKeys(username);
        find("#password").sendKeys(password);
        find("section.login button[type=submit]").click();
        waitFor("the answer to the sign-in", d -> !path().equals("/login") || has("#login-error"));
    }

    /**
     * Waits until the condition holds. htmx swaps parts of the page while the condition polls them, so an element found
     * in one poll may be gone by the next call on it: such a stale element is a "not yet", not a failure.
     */
    <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a screenshot of the page as {@code target/console-screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
