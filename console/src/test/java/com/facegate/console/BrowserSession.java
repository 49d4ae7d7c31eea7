package com.facegate.console;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A fresh headless Chromium for each test ({@code @RegisterExtension}), quit after it; a failing test's page is
 * saved as a screenshot first, while it is still open. Started before the class's own {@code @BeforeEach}.
 */
final class BrowserSession implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {
    private ChromeDriver driver;

    ChromeDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("no browser outside a test");
        }
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        driver = Browser.start();
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (driver != null && context.getExecutionException().isPresent()) {
            Path p = Browser.screenshot(driver, "FAILED-" + context.getDisplayName().replaceAll("\\W", ""));
            System.err.println("screenshot of the failure: " + p + " (page " + driver.getCurrentUrl() + ")");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }
}
