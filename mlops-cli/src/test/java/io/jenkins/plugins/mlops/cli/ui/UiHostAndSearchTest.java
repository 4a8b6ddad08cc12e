package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.cli.testing.UiProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In Debian's Chromium: the /compare search box works as a person uses it (type, press Enter; the
 * page's own Content-Security-Policy lets the form go to this server), and a page reached through
 * another name that resolves to 127.0.0.1 (what DNS rebinding does) is refused with 421 and shows
 * nothing of the store.
 */
public class UiHostAndSearchTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    static HeadlessChromium browser;
    static UiProcess ui;

    @BeforeClass
    public static void start() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        UiFixture.gitRepository(ws);
        UiFixture.threeRuns(ws);
        ui = new UiProcess("--store", ws.resolve(".mlops").toString());
        // evil.example resolves to this machine, as a rebinding attacker's name would
        browser = new HeadlessChromium(1280, 800, "--host-resolver-rules=MAP evil.example 127.0.0.1");
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            ui.close();
        }
    }

    private List<String> visibleRunNames() {
        return browser.driver().findElements(By.cssSelector("#mlops-compare-table tbody tr:not([hidden]) .mlops-run-name"))
                .stream().map(WebElement::getText).toList();
    }

    @Test
    public void typingASearchAndPressingEnterShowsOnlyTheMatchingRuns() throws Exception {
        browser.consoleMessages();
        browser.driver().get(ui.url() + "compare");
        assertThat(visibleRunNames()).contains("baseline", "wider", "strong").hasSizeGreaterThan(1);
        WebElement box = browser.driver().findElement(By.cssSelector("form.mlops-search input[name=filter]"));
        box.clear();
        box.sendKeys("tags.team = 'red' and params.C = '10'", Keys.ENTER);
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("filter="));
        URI now = URI.create(browser.driver().getCurrentUrl());
        assertThat(now.getPath()).isEqualTo("/compare");
        assertThat(java.net.URLDecoder.decode(now.getRawQuery(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("filter=tags.team = 'red' and params.C = '10'");
        assertThat(visibleRunNames()).containsExactly("strong");
        assertThat(browser.driver().findElement(By.cssSelector("form.mlops-search input[name=filter]")).getAttribute("value"))
                .isEqualTo("tags.team = 'red' and params.C = '10'");
        browser.screenshot("ui-compare-search-submitted");
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("form-action"));
    }

    @Test
    public void aPageReachedThroughAnotherHostNameIsRefusedAndShowsNoRun() throws Exception {
        int port = URI.create(ui.url()).getPort();
        browser.driver().get("http://evil.example:" + port + "/compare");
        String text = browser.driver().findElement(By.tagName("body")).getText();
        assertThat(text).contains("421 misdirected request").contains("evil.example");
        assertThat(text).doesNotContain("baseline").doesNotContain("strong");
        assertThat(browser.driver().findElements(By.cssSelector("#mlops-compare-table"))).isEmpty();
        // the same server through its own names still answers
        browser.driver().get("http://localhost:" + port + "/compare");
        assertThat(visibleRunNames()).contains("baseline", "wider", "strong");
    }
}
