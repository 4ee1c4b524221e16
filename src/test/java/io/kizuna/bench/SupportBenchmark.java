package io.kizuna.bench;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.MailChannel;
import io.kizuna.support.MailChannelDraft;
import io.kizuna.support.MailChannels;
import io.kizuna.support.SavedTicketViews;
import io.kizuna.support.SupportDesk;
import io.kizuna.support.Ticket;
import io.kizuna.support.TicketFilter;
import io.kizuna.support.TicketSla;
import io.kizuna.support.TicketView;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/run.sh support [tickets=1000000] [requests=200; 0 skips the views] [mails=1000]}: the inbox over N
 * tickets in one workspace (10% open, a third of those under an SLA with breached and warned clocks): each view's first page of 50
 * with its SLA summaries, p50/p95 in ms, and the ratio of the breached view's p95 to the "all" view's (the baseline,
 * same process); the saved filters' first pages (ADR 0138); the SLA due times of every open ticket recomputed after a
 * calendar change, end to end through support's tables. Then mail fetch and parse from a local GreenMail IMAP
 * server, messages per second.
 */
public final class SupportBenchmark {

	public static void main(String[] args) throws Exception {
		int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
		int mails = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
		try (BenchServer server = new BenchServer("target/bench-support", 0, "--kizuna.scheduling.enabled=false")) {
			WorkspaceId ws = server.workspace;
			JdbcClient jdbc = server.bean(JdbcClient.class);
			long t = System.nanoTime();
			seed(jdbc, ws, tickets);
			System.out.printf("seeded %,d tickets in %.1f s%n", tickets, (System.nanoTime() - t) / 1e9);
			SupportDesk desk = server.bean(SupportDesk.class);
			TicketSla sla = server.bean(TicketSla.class);
			// requests 0: only the SLA recompute and the IMAP fetch
			List<TicketView> views = List.of(TicketView.ALL, TicketView.UNASSIGNED, TicketView.PENDING, TicketView.MINE,
					TicketView.BREACHED, TicketView.BREACHING_SOON);
			for (TicketView view : requests == 0 ? List.<TicketView>of() : views) {
				List<Double> ms = new ArrayList<>();
				for (int i = 0; i < requests + 20; i++) {
					long s = System.nanoTime();
					var page = desk.view(ws, view, 1, null, 50);
					sla.summaries(ws, page.items().stream().map(Ticket::id).toList());
					if (i >= 20) {
						ms.add((System.nanoTime() - s) / 1e6);
					}
				}
				Collections.sort(ms);
				System.out.printf("view %-15s p50 %.1f ms p95 %.1f ms%n", view.code(), ms.get(ms.size() / 2),
						ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
			}
			// saved filters (ADR 0138): the agents' own views, read by the same keyset
			SavedTicketViews saved = server.bean(SavedTicketViews.class);
			Map<String, TicketFilter> filters = new LinkedHashMap<>();
			filters.put("urgent+open", new TicketFilter(List.of("new", "open"), List.of("urgent"), null, null, null));
			filters.put("pending,unassigned", new TicketFilter(List.of("pending"), null, null, null, "none"));
			filters.put("tag vip", new TicketFilter(null, null, null, "vip", null));
			filters.put("email,high", new TicketFilter(null, List.of("high"), List.of("email"), null, null));
			for (Map.Entry<String, TicketFilter> filter : requests == 0 ? Map.<String, TicketFilter>of().entrySet()
					: filters.entrySet()) {
				List<Double> ms = new ArrayList<>();
				for (int i = 0; i < requests + 20; i++) {
					long s = System.nanoTime();
					var page = saved.tickets(ws, filter.getValue(), 1, null, 50);
					sla.summaries(ws, page.items().stream().map(Ticket::id).toList());
					if (i >= 20) {
						ms.add((System.nanoTime() - s) / 1e6);
					}
				}
				Collections.sort(ms);
				System.out.printf("filter %-18s p50 %.1f ms p95 %.1f ms%n", filter.getKey(), ms.get(ms.size() / 2),
						ms.get((int) Math.ceil(ms.size() * 0.95) - 1));
			}
			recompute(server, ws);
			fetch(server, ws, mails);
		}
	}

	static void seed(JdbcClient jdbc, WorkspaceId ws, int tickets) {
		jdbc.sql("""
				insert into support_ticket (workspace_id, ticket_id, subject, status, priority, channel, assignee_user_id,
				    created_at, updated_at, status_changed_at, tags)
				select :ws, g, 'Bench ticket ' || g,
				       case when g % 10 = 0 then (array['new', 'open', 'pending', 'on_hold'])[1 + g / 10 % 4]
				            else (array['solved', 'closed'])[1 + g % 2] end,
				       (array['low', 'normal', 'high', 'urgent'])[1 + g % 4], 'email', null,
				       now() - make_interval(mins => (:n - g)::int), now(), now(),
				       case when g % 20 = 0 then array['vip'] else '{}'::text[] end
				from generate_series(1, :n) g""").param("ws", ws.value()).param("n", tickets).update();
		jdbc.sql("""
				insert into support_counter (workspace_id, kind, last) values (:ws, 'ticket', :n)
				on conflict (workspace_id, kind) do update set last = excluded.last""")
			.param("ws", ws.value()).param("n", tickets).update();
		jdbc.sql("""
				insert into support_ticket_sla (workspace_id, ticket_id, policy_key, priority, open, created_at,
				    first_response_state, next_response_state, resolution_state, next_due_at, warn_at, breached, breaches)
				select workspace_id, ticket_id, 'standard', priority, status in ('new', 'open', 'pending', 'on_hold'),
				       created_at, case when ticket_id % 7 = 0 then 'breached' else 'running' end, 'none', 'running',
				       now() + make_interval(mins => (ticket_id % 600 - 60)::int),
				       now() + make_interval(mins => (ticket_id % 600 - 120)::int), ticket_id % 7 = 0,
				       case when ticket_id % 7 = 0 then 1 else 0 end
				from support_ticket where workspace_id = :ws and ticket_id % 3 = 0""").param("ws", ws.value()).update();
		jdbc.sql("analyze support_ticket").update();
		jdbc.sql("analyze support_ticket_sla").update();
	}

	/**
	 * The SLA due times of every open ticket recomputed after a calendar change, as support does it (its tables read
	 * in batches, the clocks evaluated, the rows written), each open ticket with a policy change and two status changes
	 * in its history: median of three runs.
	 */
	static void recompute(BenchServer server, WorkspaceId ws) {
		JdbcClient jdbc = server.bean(JdbcClient.class);
		server.bean(SlaPolicyManagement.class).create(ws, new SlaPolicy("standard", "標準", 100, null, null, null, null,
				null, 240, 240, 1440, 60));
		jdbc.sql("""
				insert into support_ticket_change (workspace_id, ticket_id, at, field, old_value, new_value)
				select t.workspace_id, t.ticket_id, t.created_at, c.field, null, c.value
				from support_ticket t
				cross join (values ('sla_policy', 'standard'), ('status', 'open')) c(field, value)
				where t.workspace_id = :ws and t.status in ('new', 'open', 'pending', 'on_hold')
				union all
				select t.workspace_id, t.ticket_id, t.created_at + interval '2 hours', 'status', 'open', t.status
				from support_ticket t
				where t.workspace_id = :ws and t.status in ('pending', 'on_hold')""").param("ws", ws.value()).update();
		jdbc.sql("analyze support_ticket_change").update();
		TicketSla sla = server.bean(TicketSla.class);
		List<Double> seconds = new ArrayList<>();
		int tickets = 0;
		for (int run = 0; run < 3; run++) {
			long t = System.nanoTime();
			tickets = sla.recomputeOpen(ws);
			seconds.add((System.nanoTime() - t) / 1e9);
		}
		Collections.sort(seconds);
		System.out.printf("SLA due times of %,d open tickets recomputed: median %.1f s (runs %s)%n", tickets,
				seconds.get(1), seconds);
	}

	static void fetch(BenchServer server, WorkspaceId ws, int mails) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", "imap"));
		mail.start();
		try {
			mail.setUser("bench@support-bench.test", "bench", "bench-password");
			Session session = Session.getInstance(new Properties());
			for (int i = 0; i < mails; i++) {
				String raw = ("From: =?UTF-8?B?5L2Q6Jek?= <customer" + i % 50 + "@example.jp>\r\nTo: bench@support-bench.test\r\n"
						+ "Subject: =?UTF-8?B?44Ot44Kw44Kk44Oz44Gn44GN44G+44Gb44KT?= " + i + "\r\nMessage-ID: <bench-" + i
						+ "@example.jp>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
						+ "Content-Transfer-Encoding: 8bit\r\n\r\nログインできません。①画面が真っ白です。\r\n");
				mail.getUserManager().getUser("bench").deliver(
						new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
			}
			MailChannels channels = server.bean(MailChannels.class);
			MailChannel channel = channels.connect(ws, new MailChannelDraft("bench", "bench@support-bench.test",
					"127.0.0.1", port, "bench", "bench-password", false, "127.0.0.1", 25, null, null, false));
			long t = System.nanoTime();
			int fetched = 0;
			while (fetched < mails) {
				int n = channels.fetchNow(ws, channel.id()).fetched();
				if (n == 0) {
					break;
				}
				fetched += n;
			}
			double seconds = (System.nanoTime() - t) / 1e9;
			System.out.printf("IMAP fetch and parse: %d messages in %.1f s = %.0f messages/s%n", fetched, seconds,
					fetched / seconds);
		}
		finally {
			mail.stop();
		}
	}
}
