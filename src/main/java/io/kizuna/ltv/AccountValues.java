package io.kizuna.ltv;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes each account's RFM segment and CLV after every fit (ADR 0073): the segment of the account's customer
 * with the highest spend, and the sum of its customers' CLV with the default parameters, as the account's LTV panel
 * shows it. One statement replaces the workspace's rows.
 */
@Component
class AccountValues {

	private final JdbcClient jdbc;

	AccountValues(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	void store(WorkspaceId workspace, WorkspaceModels models) {
		Map<String, Rfm.Customer> main = new TreeMap<>();
		for (Rfm.Customer c : models.rfm) {
			String account = models.accountOfCustomer.get(c.customerId());
			if (account != null) {
				main.merge(account, c, (x, y) -> Comparator.comparing(Rfm.Customer::monetary)
					.thenComparing(Rfm.Customer::customerId, Comparator.reverseOrder()).compare(x, y) >= 0 ? x : y);
			}
		}
		Map<String, Long> clvMinor = new HashMap<>();
		for (CustomerValue v : models.ranked) {
			if (v.accountExternalId() != null) {
				clvMinor.merge(v.accountExternalId(), v.clv().minorUnits(), Long::sum);
			}
		}
		int digits = Math.max(0, Currency.getInstance(models.currency).getDefaultFractionDigits());
		java.util.SortedSet<String> valued = new java.util.TreeSet<>(main.keySet());
		valued.addAll(clvMinor.keySet());
		List<String> accounts = new ArrayList<>(valued);
		String[] rfm = accounts.stream().map(a -> main.containsKey(a) ? main.get(a).segment().code() : null)
			.toArray(String[]::new);
		BigDecimal[] clv = accounts.stream()
			.map(a -> clvMinor.containsKey(a) ? BigDecimal.valueOf(clvMinor.get(a), digits) : null)
			.toArray(BigDecimal[]::new);
		long ws = workspace.value();
		jdbc.sql("delete from ltv_account_value where workspace_id = ?").params(ws).update();
		if (accounts.isEmpty()) {
			return;
		}
		jdbc.sql("""
				insert into ltv_account_value (workspace_id, account_id, rfm_segment, clv, currency, computed_at)
				select a.workspace_id, a.account_id, x.rfm, x.clv, ?, ?
				from unnest(?::text[], ?::text[], ?::numeric[]) x (external_id, rfm, clv)
				join accounts_v_account a on a.workspace_id = ? and a.external_id = x.external_id""")
			.params(models.currency, Timestamp.from(models.computedAt), accounts.toArray(String[]::new), rfm, clv, ws)
			.update();
	}
}
