package io.kizuna.workspace;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The audit log: who changed what, when and from where, for every module to record into and admins to read. */
@Service
public class AuditTrail {

	private final AuditLog audit;

	AuditTrail(AuditLog audit) {
		this.audit = audit;
	}

	/** Records a security-relevant or configuration change made by the current person or token. */
	@Transactional
	public void record(WorkspaceId workspace, String action, String target, Map<String, ?> detail) {
		audit.record(workspace, action, target, detail);
	}

	public AuditPage page(WorkspaceId workspace, AuditQuery query) {
		return audit.page(workspace, query);
	}

	public List<String> actions(WorkspaceId workspace) {
		return audit.actions(workspace);
	}
}
