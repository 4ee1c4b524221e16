package io.kizuna.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The holidays of 2026 and 2027 exactly as the Cabinet Office lists them (内閣府「国民の祝日について」, the rows of
 * syukujitsu.csv for those years), typed here independently of the data file.
 */
class JapaneseHolidaysTests {

	@Test
	void holidaysOf2026AreTheOfficialList() {
		assertThat(JapaneseHolidays.of(2026)).containsExactly(h("2026-01-01", "元日"), h("2026-01-12", "成人の日"),
				h("2026-02-11", "建国記念の日"), h("2026-02-23", "天皇誕生日"), h("2026-03-20", "春分の日"),
				h("2026-04-29", "昭和の日"), h("2026-05-03", "憲法記念日"), h("2026-05-04", "みどりの日"),
				h("2026-05-05", "こどもの日"), h("2026-05-06", "休日"), h("2026-07-20", "海の日"),
				h("2026-08-11", "山の日"), h("2026-09-21", "敬老の日"), h("2026-09-22", "休日"),
				h("2026-09-23", "秋分の日"), h("2026-10-12", "スポーツの日"), h("2026-11-03", "文化の日"),
				h("2026-11-23", "勤労感謝の日"));
	}

	@Test
	void holidaysOf2027AreTheOfficialList() {
		assertThat(JapaneseHolidays.of(2027)).containsExactly(h("2027-01-01", "元日"), h("2027-01-11", "成人の日"),
				h("2027-02-11", "建国記念の日"), h("2027-02-23", "天皇誕生日"), h("2027-03-21", "春分の日"),
				h("2027-03-22", "休日"), h("2027-04-29", "昭和の日"), h("2027-05-03", "憲法記念日"),
				h("2027-05-04", "みどりの日"), h("2027-05-05", "こどもの日"), h("2027-07-19", "海の日"),
				h("2027-08-11", "山の日"), h("2027-09-20", "敬老の日"), h("2027-09-23", "秋分の日"),
				h("2027-10-11", "スポーツの日"), h("2027-11-03", "文化の日"), h("2027-11-23", "勤労感謝の日"));
	}

	@Test
	void substituteHolidaysFollowAHolidayOnSunday() {
		// Art. 3(2): a holiday on a Sunday gives the next day that is not a holiday
		for (Holiday h : List.copyOf(JapaneseHolidays.of(2026))) {
			if (h.date().getDayOfWeek() == DayOfWeek.SUNDAY) {
				LocalDate next = h.date().plusDays(1);
				while (JapaneseHolidays.isHoliday(next) && !"休日".equals(JapaneseHolidays.all().get(next))) {
					next = next.plusDays(1);
				}
				assertThat(JapaneseHolidays.all().get(next)).as("substitute for %s", h).isEqualTo("休日");
			}
		}
		assertThat(JapaneseHolidays.all().get(LocalDate.parse("2026-05-06"))).isEqualTo("休日"); // 憲法記念日 on Sunday
		assertThat(JapaneseHolidays.all().get(LocalDate.parse("2027-03-22"))).isEqualTo("休日"); // 春分の日 on Sunday
	}

	@Test
	void aDayBetweenTwoHolidaysIsAHoliday() {
		// Art. 3(3): 2026-09-22 lies between 敬老の日 (21st) and 秋分の日 (23rd)
		assertThat(JapaneseHolidays.isHoliday(LocalDate.parse("2026-09-21"))).isTrue();
		assertThat(JapaneseHolidays.all().get(LocalDate.parse("2026-09-22"))).isEqualTo("休日");
		assertThat(JapaneseHolidays.isHoliday(LocalDate.parse("2027-09-21"))).isFalse();
		assertThat(JapaneseHolidays.isHoliday(LocalDate.parse("2027-09-22"))).isFalse();
	}

	@Test
	void theListCoversAtLeast2026And2027() {
		assertThat(JapaneseHolidays.firstYear()).isLessThanOrEqualTo(2026);
		assertThat(JapaneseHolidays.lastYear()).isGreaterThanOrEqualTo(2027);
		assertThat(JapaneseHolidays.of(2026)).hasSize(18);
		assertThat(JapaneseHolidays.of(2027)).hasSize(17);
	}

	private static Holiday h(String date, String name) {
		return new Holiday(LocalDate.parse(date), name);
	}
}
