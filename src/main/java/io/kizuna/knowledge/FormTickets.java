package io.kizuna.knowledge;

import io.kizuna.support.ChatOpened;
import io.kizuna.support.WebFormSubmitted;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tickets from the web form and the chat widget, noted with their visit so that deflection knows which help sessions
 * they followed.
 */
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

	@ApplicationModuleListener
	void on(ChatOpened opened) {
		knowledge.ticketOpened(opened.workspaceId(), opened.ticketId(), opened.session(), opened.visitor(),
				opened.openedAt());
	}
}
