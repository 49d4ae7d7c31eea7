package com.facegate.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, headless, driven by Selenium with explicit paths (Selenium
 * Manager never downloads a browser). Installed with apt-get when missing and the test runs as root (CI on a fresh
 * machine); otherwise the test is skipped with the command to run.
 */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private Browser() {}

    static ChromeDriver start() {
        return start(new String[0]);
    }

    /** With more Chromium switches, e.g. a fake webcam playing a file. */
    static ChromeDriver start(String... extraArguments) {
        ensureInstalled();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900", "--no-first-run", "--disable-extensions");
        o.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, o);
        // A click that submits a form returns before the next page is there: finding an element waits for it.
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    /**
     * A form POST from the page (fetch, redirects not followed), with or without the page's own CSRF token; returns
     * the HTTP status (a Long), or the fetch error's text.
     */
    static Object post(ChromeDriver driver, String path, String body, boolean withToken) {
        String script = "var done = arguments[arguments.length - 1];"
                + "var token = document.querySelector('input[name=_csrf]').value;"
                + "var body = arguments[1] + (arguments[2] ? '&_csrf=' + encodeURIComponent(token) : '');"
                + "fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}})"
                + ".then(function (r) { done(r.status); }, function (e) { done(String(e)); });";
        return driver.executeAsyncScript(script, path, body, withToken);
    }

    /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}. */
    /**
     * Signs {@code account} in with the fixture's password and waits for the signed-in page (the click returns
     * before the next page has loaded; reading it at once can still see the sign-in form).
     */
    static void signIn(ChromeDriver driver, ConsoleSite site, String account) {
        driver.get(site.url("/login"));
        driver.findElement(By.id("account")).sendKeys(account);
        driver.findElement(By.id("password")).sendKeys(ConsoleSite.PASSWORD);
        submit(driver, By.id("signin"));
        WebElement who = new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
        assertThat(who.getText()).startsWith(account);
    }

    /** Clicks a button that loads a page and waits until the page it was on is gone. */
    static void submit(ChromeDriver driver, By button) {
        submit(driver, driver.findElement(button));
    }

    /** As {@link #submit(ChromeDriver, By)} for a button already found (one row's of several). */
    static void submit(ChromeDriver driver, WebElement button) {
        button.click();
        // Gone shows as a stale element, or (Chromium, mid-navigation) "node does not belong to the document".
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                button.isEnabled();
                return false;
            } catch (WebDriverException e) {
                return true;
            }
        });
    }

    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path out = SCREENSHOTS.resolve(name + ".png");
            Files.write(out, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return out;
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + name + " failed: " + e);
            return null;
        }
    }

    private static synchronized void ensureInstalled() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        if ("root".equals(System.getProperty("user.name"))) {
            run("apt-get", "update");
            run("apt-get", "install", "-y", "chromium", "chromium-driver");
        }
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "skipped: no headless browser; install it with: sudo apt-get install -y chromium chromium-driver");
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/apt-get.log")).start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println(String.join(" ", command) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
