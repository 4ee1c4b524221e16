package io.kizuna.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.VoteDraft;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/run.sh FeatureRequests [requests=10000] [runs=300]}: the feature-request board sorted by ARR-weighted
 * demand with about 1,000,000 votes from 2,000 accounts (every tier, a fifth red or with a signal). Measures the
 * board page (50 rows) read from the demand kept on each request, p50/p95/p99, against the same board aggregated
 * from the votes on the fly (the baseline, same process, same data); plus one vote (its request's demand
 * recomputed) and the full recompute after a scoring run.
 */
public final class FeatureRequestsBenchmark {

	public static void main(String[] args) throws Exception {
		int requestCount = BenchServer.arg(args, 0, 10_000);
		int runs = BenchServer.arg(args, 1, 300);
		int accountCount = 2_000;
		try (BenchServer server = new BenchServer("target/bench-feedback", accountCount)) {
			JdbcClient jdbc = server.bean(JdbcClient.class);
			FeatureRequests requests = server.bean(FeatureRequests.class);
			long ws = server.workspace.value();
			requests.statuses(server.workspace);
			jdbc.sql("""
					update account set tier = case account_id % 10 when 0 then 'enterprise' when 1 then 'mid-market'
					    when 2 then 'mid-market' else 'smb' end where workspace_id = :ws""").param("ws", ws).update();
			jdbc.sql("""
					insert into health_account_status (workspace_id, account_id, day, score, band, live, arr_minor, currency,
					    revenue_at_risk_minor, signal_kinds)
					select workspace_id, account_id, current_date, 50,
					       case when account_id % 5 = 0 then 'red' when account_id % 3 = 0 then 'yellow' else 'green' end,
					       true, (account_id % 97 + 1) * 120000 * case when account_id % 10 = 0 then 20 else 1 end, 'JPY', 0,
					       case when account_id % 7 = 0 then '{paying_idle}'::text[] else '{}' end
					from account where workspace_id = :ws
					on conflict do nothing""").param("ws", ws).update();
			long t = System.nanoTime();
			jdbc.sql("""
					insert into feedback_request (workspace_id, title, description, status, tags)
					select :ws, 'Request ' || g, 'Generated request ' || g, 'under_review', array['bench']
					from generate_series(1, :n) g""").param("ws", ws).param("n", requestCount).update();
			int votes = jdbc.sql("""
					with req as (select request_id, row_number() over (order by request_id) as r from feedback_request
					             where workspace_id = :ws),
					     acc as (select account_id, row_number() over (order by account_id) - 1 as k from account
					             where workspace_id = :ws)
					insert into feedback_request_vote (workspace_id, request_id, account_id, voter, via)
					select :ws, req.request_id, acc.account_id, 'a:' || acc.account_id, 'import'
					from req cross join lateral generate_series(0, 19 + (req.r * 7919 % 161)::int) as g(n)
					join acc on acc.k = (req.r * 37 + g.n * 13) % :accounts""")
				.param("ws", ws).param("accounts", accountCount).update();
			jdbc.sql("analyze feedback_request_vote").update();
			double load = (System.nanoTime() - t) / 1e9;
			t = System.nanoTime();
			requests.recomputeDemand(server.workspace);
			double recompute = (System.nanoTime() - t) / 1e9;
			jdbc.sql("analyze feedback_request").update();

			List<Double> board = new ArrayList<>();
			for (int i = 0; i < runs + 20; i++) {
				BoardSort sort = i % 3 == 0 ? BoardSort.ARR : i % 3 == 1 ? BoardSort.AT_RISK : BoardSort.ARR;
				long s = System.nanoTime();
				List<FeatureRequest> page = requests.board(server.workspace, sort, null, null, null, 50, 0);
				if (page.size() != 50) {
					throw new IllegalStateException("board page of " + page.size());
				}
				if (i >= 20) {
					board.add((System.nanoTime() - s) / 1e6);
				}
			}
			List<Double> baseline = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				long s = System.nanoTime();
				int rows = jdbc.sql("""
						select v.request_id, count(distinct v.account_id) as accounts, sum(coalesce(h.arr_minor, 0)) as arr
						from feedback_request_vote v
						left join health_v_account_status h on h.workspace_id = v.workspace_id and h.account_id = v.account_id
						join feedback_request r on r.workspace_id = v.workspace_id and r.request_id = v.request_id
						where v.workspace_id = :ws and r.merged_into is null
						group by v.request_id order by arr desc, v.request_id limit 50""").param("ws", ws)
					.query((rs, n) -> rs.getLong(1)).list().size();
				if (rows != 50) {
					throw new IllegalStateException("baseline rows " + rows);
				}
				if (i >= 1) {
					baseline.add((System.nanoTime() - s) / 1e6);
				}
			}
			// one vote: stored and its request's demand recomputed (what a CSM waits for)
			List<Double> vote = new ArrayList<>();
			List<Long> ids = jdbc.sql("select request_id from feedback_request where workspace_id = :ws order by request_id limit 60")
				.param("ws", ws).query(Long.class).list();
			for (int i = 0; i < ids.size(); i++) {
				long s = System.nanoTime();
				requests.vote(server.workspace, ids.get(i), new VoteDraft("bench-acct-" + (1999 - i), null, "ja", "api",
						null, null), "bench");
				if (i >= 10) {
					vote.add((System.nanoTime() - s) / 1e6);
				}
			}
			Collections.sort(board);
			Collections.sort(baseline);
			Collections.sort(vote);
			System.out.printf("machine: %s; load before: %s%n", BenchServer.machine(), BenchServer.loadAverage());
			System.out.printf("%d requests, %d votes from %d accounts loaded in %.1f s; full demand recompute %.1f s%n",
					requestCount, votes, accountCount, load, recompute);
			System.out.printf("board (50 rows, by ARR / ARR at risk) over %d runs: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
					board.size(), pct(board, 50), pct(board, 95), pct(board, 99));
			System.out.printf("baseline (aggregated from the votes on each read): median %.0f ms over %d runs; ratio %.0fx%n",
					pct(baseline, 50), baseline.size(), pct(baseline, 50) / pct(board, 50));
			System.out.printf("one vote with its request's demand recomputed: p50 %.2f ms, p95 %.2f ms over %d%n",
					pct(vote, 50), pct(vote, 95), vote.size());
			System.out.printf("load after: %s%n", BenchServer.loadAverage());
		}
	}

	static double pct(List<Double> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}
}
