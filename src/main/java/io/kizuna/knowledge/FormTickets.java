package io.kizuna.knowledge;

import io.kizuna.support.WebFormSubmitted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Tickets from the web form, noted with their visit so that deflection knows which sessions they followed. */
@Component
class FormTickets {

	private final KnowledgeManagement knowledge;

	FormTickets(KnowledgeManagement knowledge) {
		this.knowledge = knowledge;
	}

	@ApplicationModuleListener
	void on(WebFormSubmitted submitted) {
		knowledge.ticketOpened(submitted.workspaceId(), submitted.ticketId(), submitted.session(), submitted.visitor(),
				submitted.openedAt());
	}
}
