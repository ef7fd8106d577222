package com.deskpost.testsupport.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium (packages {@code chromium} and {@code chromium-driver}) driven through its
 * own chromedriver. Both paths are given, so Selenium Manager is never run and nothing is
 * downloaded; each browser gets a fresh profile, removed when it quits. For the browser tests of pages
 * (DESIGN §6: a real browser for pages): a module using it adds {@code selenium-java} as a test dependency,
 * which test-support holds as optional so the dev-stack's runtime does not carry it.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Where {@link #screenshot} writes: surefire runs with the module directory as working directory. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static HeadlessChromium start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Browser tests need " + BROWSER + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("deskpost-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new",
                // CI runs as root, where Chromium refuses to start with its sandbox.
                "--no-sandbox",
                "--disable-gpu",
                // Containers often give /dev/shm 64 MB, too little for a renderer.
                "--disable-dev-shm-usage",
                // No update checks, sync or first-run pages: nothing leaves the machine, nothing pops up.
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        try {
            return new HeadlessChromium(profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            FileSystemUtils.deleteRecursively(profile.toFile());
            throw e;
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves what the browser shows now as {@code target/screenshots/<name>.png} of the module under test (kept by CI
     * as a test artefact, so a reviewer sees the page a test asserted on) and returns the file.
     */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the screenshot " + file, e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
