package io.kubezap.gateway.dashboard;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Headless Chromium from the distribution's packages ({@code chromium}, {@code chromium-driver}), driven over
 * WebDriver. Never downloads a browser: without the packages it is {@link #installed() absent}.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Where files the page downloads land. */
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** The browser and its driver, when both are installed. */
    static Optional<Path[]> installed() {
        Optional<Path> browser = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        return browser.isPresent() && driver.isPresent()
                ? Optional.of(new Path[] {browser.get(), driver.get()}) : Optional.empty();
    }

    static Browser start(Path[] installed) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(installed[0].toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1600", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(installed[1].toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    WebElement find(String id) {
        return driver.findElement(By.id(id));
    }

    /** Runs {@code script} in the page and answers what it returned. */
    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Answers the dialog the page opened ({@code prompt}: with {@code text}, unless null). */
    void answerDialog(String text) {
        Alert dialog = await("a dialog", () -> driver.switchTo().alert());
        if (text != null) {
            dialog.sendKeys(text);
        }
        dialog.accept();
    }

    void open(String url) {
        driver.get(url);
    }

    void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Waits until {@code condition} holds (exceptions count as "not yet"), or fails naming {@code what}. */
    <T> T await(String what, Supplier<T> condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = condition.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            pause();
        }
        screenshot("timeout-" + what.replaceAll("[^a-zA-Z0-9]+", "-"));
        throw new AssertionError("The dashboard never showed: " + what, last);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve("dashboard-" + name + ".png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> firstExisting(String... paths) {
        return Stream.of(paths).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
