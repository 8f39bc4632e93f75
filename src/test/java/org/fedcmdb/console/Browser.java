package org.fedcmdb.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no Selenium Manager download). Host names other
 * than the loopback address resolve to nothing, so a page that tried to load anything from the internet would fail
 * visibly; screenshots of each step go to {@code target/console-screenshots}.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	final ChromeDriver driver;

	private final String base;

	static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	Browser(String base) throws Exception {
		this.base = base;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-quic", "--window-size=1600,1000", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
				"--user-data-dir=" + Files.createTempDirectory("fedcmdb-chromium"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		driver = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	void open(String path) {
		driver.get(base + path);
	}

	<T> T await(Function<WebDriver, T> condition) {
		// the console redraws a page when its data changes: an element found a moment ago may be gone, so look again
		return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	WebElement await(By by) {
		return await(d -> {
			List<WebElement> found = d.findElements(by);
			return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
		});
	}

	List<WebElement> all(By by) {
		return driver.findElements(by);
	}

	Object js(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	void screenshot(String name) throws Exception {
		File f = driver.getScreenshotAs(OutputType.FILE);
		Files.copy(f.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** Console messages since the last call: errors, and Content-Security-Policy refusals among them. */
	List<String> consoleErrors() {
		return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
			.filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	/** Every resource the current page loaded, as the browser's performance timeline lists it. */
	@SuppressWarnings("unchecked")
	List<String> resources() {
		return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
				+ ".concat([location.href])");
	}

	@Override
	public void close() {
		driver.quit();
	}

}
