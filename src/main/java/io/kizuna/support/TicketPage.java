package io.kizuna.support;

import java.util.List;

/** A page of a view; {@code next} is the cursor of the following page (the last id), null at the end. */
public record TicketPage(List<Ticket> items, Long next) {

	public TicketPage {
		items = List.copyOf(items);
	}
}
