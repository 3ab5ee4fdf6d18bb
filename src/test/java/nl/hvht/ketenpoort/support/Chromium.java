package nl.hvht.ketenpoort.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Debian's chromedriver (Selenium), for the browser tests ({@code *BrowserIT}): both at fixed
 * paths ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; system properties {@code ketenpoort.chromium} and
 * {@code ketenpoort.chromedriver} to point elsewhere). Because the driver is named in the {@link ChromeDriverService},
 * Selenium Manager is never asked for one, so nothing is ever downloaded. Headless, with the flags that keep Chromium
 * off the network (no background networking, component updates, sync, QUIC), a fresh profile per browser, and the
 * admin port's test certificate accepted. A missing Chromium FAILS the test (CI installs it: {@code .ci/run}).
 */
public final class Chromium implements AutoCloseable {

    /** The laptop window of the screenshots. */
    public static final Dimension LAPTOP = new Dimension(1280, 900);
    /** A tablet (portrait) window. */
    public static final Dimension TABLET = new Dimension(820, 1180);
    /** Where the screenshots go. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /**
     * No CDP (devtools) module is on the class path (none is needed), so Selenium would warn at every start that none
     * matches the browser's version. Held here so the logger (and its level) is not garbage-collected.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless Chromium with a laptop-size window; fails with a clear message when Chromium is not installed. */
    public static Chromium start() {
        Path browser = executable("ketenpoort.chromium", "/usr/bin/chromium");
        Path chromedriver = executable("ketenpoort.chromedriver", "/usr/bin/chromedriver");
        try {
            Path profile = Files.createTempDirectory("ketenpoort-chromium-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.toFile())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--disable-default-apps", "--disable-dev-shm-usage", "--lang=nl-NL",
                            "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight(),
                            "--user-data-dir=" + profile);
            options.setAcceptInsecureCerts(true);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withSilent(true)
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(15));
            Chromium chromium = new Chromium(driver, profile);
            chromium.size(LAPTOP);
            return chromium;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    private static Path executable(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " is missing: the browser tests need Debian's Chromium and ChromeDriver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them), or -D" + property + "=<path>");
        }
        return path;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** A wait for what the page shows (polled; never a fixed sleep). */
    public WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    }

    /** Sets the viewport (what the page and the screenshots get) to this size. */
    public void size(Dimension size) {
        driver.manage().window().setSize(size);
        // headless Chromium still reserves room for its (invisible) window frame: grow the window by that much
        @SuppressWarnings("unchecked")
        java.util.List<Long> inner = (java.util.List<Long>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        driver.manage().window().setSize(new Dimension(2 * size.getWidth() - inner.get(0).intValue(),
                2 * size.getHeight() - inner.get(1).intValue()));
    }

    /** Writes a screenshot of the viewport to {@code target/screenshots/<name>.png}; returns its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
