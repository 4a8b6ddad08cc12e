package io.jenkins.plugins.mlops.cli.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's chromedriver (bin/install-test-deps installs both); no
 * browser download. Screenshots go to target/screenshots so CI keeps them as artifacts.
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final ChromeDriver driver;
    private final Path profile;

    public HeadlessChromium(int width, int height) throws IOException {
        this(width, height, new String[0]);
    }

    /** @param extraArguments more Chromium switches, e.g. {@code --host-resolver-rules=...} */
    public HeadlessChromium(int width, int height, String... extraArguments) throws IOException {
        if (!new File("/usr/bin/chromium").canExecute() || !new File("/usr/bin/chromedriver").canExecute()) {
            throw new IllegalStateException("Chromium is missing: run bin/install-test-deps (Debian chromium, chromium-driver)");
        }
        profile = Files.createTempDirectory("mlops-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(extraArguments);
        // the browser console is kept so a test can show that no Content-Security-Policy violation happened
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public WebDriver driver() {
        return driver;
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** Browser console messages since the last call (errors, CSP violations, ...). */
    public java.util.List<String> consoleMessages() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    public Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path target = SCREENSHOTS.resolve(name + ".png");
        Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return target;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
