package io.kizuna.calendars;

import java.time.LocalDate;

/** A Japanese public holiday (国民の祝日 or 休日) with its official name. */
public record Holiday(LocalDate date, String name) {
}
