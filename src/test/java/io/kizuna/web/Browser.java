package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

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
		if (!installed()) {
			try {
				io.kizuna.MachineLock.holding("chromium", () -> {
					if (!installed()) {
						install();
					}
					return null;
				});
			}
			catch (IOException | InterruptedException | RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
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

	/** The labels of a chart's first y axis as ECharts draws them (its ticks through the axis's formatter). */
	@SuppressWarnings("unchecked")
	static java.util.List<String> yAxisLabels(ChromeDriver driver, String id) {
		return (java.util.List<String>) driver.executeScript("""
				var chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
				var axis = chart.getModel().getComponent('yAxis', 0).axis;
				return axis.getViewLabels().map(function (l) { return l.formattedLabel; });""", id);
	}

	/**
	 * A money axis whose labels all match the pattern (short: 万/億 or K/M) and fit left of the plot inside the
	 * chart: the grid contains its labels, and the widest label, measured in the axis's font, starts inside the canvas.
	 */
	@SuppressWarnings("unchecked")
	static void assertMoneyAxisFits(ChromeDriver driver, String id, String pattern) {
		var fit = (java.util.Map<String, Object>) driver.executeScript("""
				var chart = echarts.getInstanceByDom(document.getElementById(arguments[0]));
				var option = chart.getOption(), model = chart.getModel();
				var axis = model.getComponent('yAxis', 0).axis;
				var labels = axis.getViewLabels().map(function (l) { return l.formattedLabel; });
				var rect = model.getComponent('grid', 0).coordinateSystem.getRect();
				var ctx = document.createElement('canvas').getContext('2d');
				ctx.font = '12px sans-serif';
				var widest = Math.max.apply(null, labels.map(function (l) { return ctx.measureText(l).width; }));
				return { containLabel: !!option.grid[0].containLabel, labels: labels, gridLeft: rect.x, widest: widest };""",
				id);
		assertThat(fit.get("containLabel")).as("%s: the grid contains its axis labels", id).isEqualTo(true);
		assertThat((java.util.List<String>) fit.get("labels")).as("%s: y-axis labels", id).isNotEmpty()
			.allMatch(label -> label.matches(pattern), "match " + pattern);
		double left = ((Number) fit.get("gridLeft")).doubleValue() - 8 - ((Number) fit.get("widest")).doubleValue();
		assertThat(left).as("%s: the widest y-axis label %s starts inside the chart", id, fit.get("labels"))
			.isGreaterThanOrEqualTo(0.0);
	}

	static void screenshot(ChromeDriver driver, String name) throws IOException {
		Path directory = Path.of("target/screenshots");
		Files.createDirectories(directory);
		Files.write(directory.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
	}

	private static boolean installed() {
		return new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute() && new File(CJK_FONT).isFile();
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
