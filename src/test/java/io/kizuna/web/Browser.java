package io.kizuna.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver; installs both with apt when missing (CI runs as
 * root on a fresh machine). Never lets Selenium download a browser.
 */
final class Browser {

	static final String CHROMIUM = "/usr/bin/chromium";

	static final String DRIVER = "/usr/bin/chromedriver";

	/** Without a CJK font the Japanese screens (and their screenshots) show boxes. */
	static final String CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

	private Browser() {
	}

	static ChromeDriver start() throws IOException, InterruptedException {
		return start("ja");
	}

	/** A browser whose user prefers this language (its Accept-Language), as a person's browser set up so would. */
	static synchronized ChromeDriver start(String language) throws IOException, InterruptedException {
		if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute() || !new File(CJK_FONT).isFile()) {
			install();
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=1280,800", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--lang=" + language,
				"--user-data-dir=" + Files.createTempDirectory("kizuna-chromium"));
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** Signs in through the form and waits until the browser has left the sign-in page. */
	static void signIn(ChromeDriver driver, int port, String email, String password) {
		driver.get("http://127.0.0.1:" + port + "/login");
		driver.findElement(By.id("username")).sendKeys(email);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().contains("/login"));
	}

	/** Waits until kizuna.js has drawn the chart in the element with this id, and checks it drew a canvas. */
	static void waitForChart(ChromeDriver driver, String id) {
		new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(d -> "true".equals(d.findElement(By.id(id)).getDomAttribute("data-rendered")));
		if (driver.findElements(By.cssSelector("#" + id + " canvas")).isEmpty()) {
			throw new AssertionError("chart " + id + " drew no canvas");
		}
	}

	static void screenshot(ChromeDriver driver, String name) throws IOException {
		Path directory = Path.of("target/screenshots");
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}

	private static void install() throws IOException, InterruptedException {
		run("apt-get", "update", "-qq");
		run("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver", "fonts-noto-cjk");
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).inheritIO().start();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("could not install Chromium: " + String.join(" ", command) + " failed");
		}
	}
}
