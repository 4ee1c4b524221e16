package io.kizuna.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kizuna.KizunaApplication;
import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.SmtpDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * N emails (default 1,000, Japanese subject, name and body) through the outbox to a local SMTP server (GreenMail in
 * this JVM), rate limit off: time to queue them, and time from the first dispatch until GreenMail holds all N, per run.
 *
 * bench/run.sh messaging [messages=1000] [runs=5]
 */
public final class MessagingBenchmark {

	public static void main(String[] args) throws Exception {
		int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
		smtp.start();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-data-messaging").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=true", "--kizuna.scheduling.enabled=false",
					"--logging.level.root=WARN")) {
			WorkspaceId workspace = app.getBean(WorkspaceManagement.class)
				.create(new NewWorkspace("bench-mail", "ベンチ株式会社", "JPY", "Asia/Tokyo", "ja")).id();
			OutboundMail mail = app.getBean(OutboundMail.class);
			mail.saveSmtpSettings(workspace, new SmtpDraft("127.0.0.1", smtp.getSmtp().getPort(), "none", null, null,
					"cs@bench.example", 0));
			List<Double> rates = new ArrayList<>();
			for (int run = 0; run < runs; run++) {
				smtp.purgeEmailFromAllMailboxes();
				long q0 = System.nanoTime();
				for (int i = 0; i < messages; i++) {
					mail.send(workspace, new MailRequest("bench-" + run + "-" + i, "user" + i + "@customer.example",
							"顧客 太郎" + i, "ベンチ株式会社 鈴木 一郎", "【ご案内】ご利用状況のご報告 " + i,
							"いつもご利用ありがとうございます。\n今月のご利用状況をお知らせします。①㈱～\n" + i, "ja", null));
				}
				double queued = (System.nanoTime() - q0) / 1e9;
				long s0 = System.nanoTime();
				int sent = 0;
				while (sent < messages) {
					sent += mail.dispatch();
				}
				if (!smtp.waitForIncomingEmail(60_000, messages)) {
					throw new IllegalStateException("GreenMail did not receive " + messages);
				}
				double seconds = (System.nanoTime() - s0) / 1e9;
				int received = smtp.getReceivedMessages().length;
				rates.add(messages / seconds);
				System.out.printf("run %d: queued %d in %.2f s; sent %d, received %d in %.2f s = %.0f messages/s%n", run + 1,
						messages, queued, sent, received, seconds, messages / seconds);
			}
			List<Double> sorted = new ArrayList<>(rates);
			Collections.sort(sorted);
			System.out.printf("median: %.0f messages/s over %d runs of %d (min %.0f, max %.0f)%n",
					sorted.get(sorted.size() / 2), runs, messages, sorted.get(0), sorted.get(sorted.size() - 1));
		}
		finally {
			smtp.stop();
		}
	}
}
