package io.jenkins.plugins.mlops.jenkinstests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver (no browser download), on the suite's
 * Jenkins, logged in through the real login form as a person would. Screenshots go to the folder
 * the suite printed at start ({@code mlops-jenkins-tests/target/screenshots}).
 */
public final class JenkinsBrowser implements AutoCloseable {
    private final RealJenkins jenkins;
    private final ChromeDriver driver;
    private final Path profile;

    public JenkinsBrowser(RealJenkins jenkins) {
        this.jenkins = jenkins;
        if (!new File("/usr/bin/chromium").canExecute() || !new File("/usr/bin/chromedriver").canExecute()) {
            throw new IllegalStateException("Chromium is missing: run bin/install-test-deps (Debian chromium, chromium-driver)");
        }
        try {
            profile = Files.createTempDirectory("mlops-jenkins-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1000");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Logs in through Jenkins's login page. */
    public JenkinsBrowser login(String user, String password) {
        open("login");
        driver.findElement(By.name("j_username")).sendKeys(user);
        WebElement field = driver.findElement(By.name("j_password"));
        field.sendKeys(password);
        field.submit();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        if (driver.getCurrentUrl().contains("loginError")) {
            throw new IllegalStateException("login as " + user + " refused");
        }
        return this;
    }

    public JenkinsBrowser loginAsAdmin() {
        return login("admin", jenkins.adminPassword());
    }

    /** Opens {@code path} under the Jenkins URL and waits for the page to be loaded. */
    public JenkinsBrowser open(String path) {
        driver.get(jenkins.url() + path);
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
        return this;
    }

    public WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** The visible text of the page body. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** Browser console messages since the last call (script errors, CSP violations). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** Saves a screenshot of the whole window as {@code name}.png in the suite's screenshot folder. */
    public Path screenshot(String name) {
        try {
            Path dir = jenkins.settings().screenshots();
            Files.createDirectories(dir);
            Path target = dir.resolve(name + ".png");
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try {
            RealJenkins.deleteTree(profile);
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
