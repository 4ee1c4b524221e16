package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The models reproduce their papers on the data sets in ../shared/datasets, to the published precision. */
class PublishedModelsTests {

	static final Path DATASETS = io.kizuna.SharedDatasets.resolve("");

	static List<CustomerHistory> cdnow;

	@BeforeAll
	static void readCdnow() throws IOException {
		List<Transaction> transactions = Files.readAllLines(DATASETS.resolve("cdnow/CDNOW_sample.txt"))
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.map(line -> line.split("\\s+"))
			.map(f -> new Transaction(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])))
			.toList();
		assertThat(transactions).hasSize(6919);
		cdnow = TransactionSummaries.calibrate(transactions, LocalDate.of(1997, 9, 30));
	}

	@Test
	void bgNbdReproducesFaderHardieLee2005OnCdnow() {
		assertThat(cdnow).hasSize(2357);
		BgNbd model = BgNbd.fit(cdnow);
		assertThat(model.r()).isCloseTo(0.243, within(0.0005));
		assertThat(model.alpha()).isCloseTo(4.414, within(0.0005));
		assertThat(model.a()).isCloseTo(0.793, within(0.0005));
		assertThat(model.b()).isCloseTo(2.426, within(0.0005));
		assertThat(model.logLikelihood()).isCloseTo(-9582.4, within(0.05));
	}

	@Test
	void bgNbdPredictionsBehave() {
		BgNbd model = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);
		CustomerHistory quiet = new CustomerHistory("q", 0, 0, 30, 0);
		CustomerHistory busyRecent = new CustomerHistory("b", 6, 29, 30, 20);
		CustomerHistory busyLongAgo = new CustomerHistory("l", 6, 5, 30, 20);
		assertThat(model.probabilityAlive(quiet)).isEqualTo(1.0);
		assertThat(model.probabilityAlive(busyRecent)).isGreaterThan(model.probabilityAlive(busyLongAgo)).isBetween(0.0, 1.0);
		assertThat(model.conditionalExpectedPurchases(39, busyRecent))
			.isGreaterThan(model.conditionalExpectedPurchases(39, busyLongAgo));
		// A customer just acquired (x = 0, T = 0) is a new customer: both formulas must agree.
		assertThat(model.conditionalExpectedPurchases(39, new CustomerHistory("new", 0, 0, 0, 0)))
			.isCloseTo(model.expectedPurchases(39), within(1e-9));
		assertThat(model.expectedPurchases(78)).isGreaterThan(model.expectedPurchases(39)).isGreaterThan(0);
		assertThat(Hypergeometric.f21(1, 1, 2, 0.5)).isCloseTo(-Math.log(1 - 0.5) / 0.5, within(1e-12));
	}

	@Test
	void gammaGammaReproducesTheSpendModelOnCdnow() {
		assertThat(cdnow.stream().filter(c -> c.x() > 0)).hasSize(946);
		GammaGamma model = GammaGamma.fit(cdnow);
		assertThat(model.p()).isCloseTo(6.25, within(0.005));
		assertThat(model.q()).isCloseTo(3.74, within(0.005));
		assertThat(model.gamma()).isCloseTo(15.44, within(0.005));
	}

	@Test
	void shiftedBetaGeometricReproducesFaderHardie2007() throws IOException {
		int[] active = Files.readAllLines(DATASETS.resolve("sbg/regular_cohort.csv"))
			.stream()
			.skip(1)
			.mapToInt(line -> Integer.parseInt(line.split(",")[1].strip()))
			.toArray();
		ShiftedBetaGeometric model = ShiftedBetaGeometric.fit(active);
		assertThat(model.alpha()).isCloseTo(0.704, within(0.0005));
		assertThat(model.beta()).isCloseTo(1.182, within(0.0005));
		assertThat(model.survival(1)).isCloseTo(model.retention(1), within(1e-12));
		assertThat(model.retention(7)).isGreaterThan(model.retention(1));
	}

	@Test
	void dataThatCannotSupportAFitIsRefusedClearly() {
		assertThatThrownBy(() -> BgNbd.fit(List.of(new CustomerHistory("a", 0, 0, 10, 0))))
			.isInstanceOf(LtvFitException.class);
		assertThatThrownBy(() -> ShiftedBetaGeometric.fit(new int[] { 100, 120, 90 }))
			.hasMessageContaining("must not grow");
		assertThatThrownBy(() -> new CustomerHistory("bad", 2, 11, 10, 5)).isInstanceOf(IllegalArgumentException.class);
	}
}
