package io.kizuna.workspace;

import java.util.List;

public record AuditPage(List<AuditEntry> items, long total, int page, int size) {

	public int lastPage() {
		return (int) Math.max(0, (total - 1) / size);
	}
}
