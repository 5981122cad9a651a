package io.fieldsync.accounting.itests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: both are named by path, so Selenium Manager never
 * runs and nothing is downloaded at test time. A laptop's screen (1366×768). Screenshots go to
 * {@code target/screenshots}.
 */
final class HeadlessChromium implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("itest.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("itest.chromedriver", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final ChromeDriver driver;
    private final Path screenshots;
    private int shots;

    HeadlessChromium(Path screenshots) {
        for (String program : new String[] {CHROMIUM, CHROMEDRIVER}) {
            if (!new File(program).canExecute()) {
                throw new AssertionError(program + " is missing: the browser tests drive Debian's Chromium through its "
                        + "chromedriver; install them with: apt-get install -y chromium chromium-driver (.ci/run does)");
            }
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
                        "--lang=en-GB", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.screenshots = screenshots;
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits for the condition; on a timeout the screen is saved as {@code failed-NN.png} for whoever reads the failure. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(what).pollingEvery(Duration.ofMillis(250))
                    // the page redraws what changed: an element read a moment ago may be gone
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException timedOut) {
            Path file = screenshots.resolve(String.format("failed-%02d.png", shots + 1));
            try {
                Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            } catch (IOException | RuntimeException notSaved) {
                timedOut.addSuppressed(notSaved);
            }
            throw timedOut;
        }
    }

    /** Waits until the element's text contains {@code text}. */
    void awaitText(String css, String text) {
        await(css + " to say '" + text + "'", d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    Object asyncScript(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(javascript, arguments);
    }

    /** Scrolls {@code css} to the top and saves the screen as {@code NN-name.png}. */
    Path screenshot(String name, String css) {
        script("document.querySelector(arguments[0]).scrollIntoView({block: 'start'})", css);
        Path file = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
        try {
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
