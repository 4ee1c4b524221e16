package io.kizuna.web;

import java.beans.Introspector;

import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Every operation's id from its controller and method ({@code AccountsController.list} → {@code accountsList}),
 * so that generated clients get stable, readable method names instead of springdoc's {@code list_3}. An id given
 * in {@code @Operation(operationId = …)} is kept.
 */
@Component
class ApiOperationIds implements GlobalOperationCustomizer {

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		io.swagger.v3.oas.annotations.Operation declared = handler
			.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
		if (declared == null || declared.operationId().isEmpty()) {
			operation.setOperationId(id(handler));
		}
		return operation;
	}

	static String id(HandlerMethod handler) {
		String controller = handler.getBeanType().getSimpleName().replaceFirst("(Api)?Controller$", "");
		return Introspector.decapitalize(controller) + StringUtils.capitalize(handler.getMethod().getName());
	}
}
