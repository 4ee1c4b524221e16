package io.kizuna.web;

import java.util.List;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** springdoc's default paths answer signed-in people too (the API description itself is under /api/v1/openapi). */
@Component
class ApiDocsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(PageAccess.get(Roles.EVERYONE, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
				"/swagger-ui.html"));
	}
}
