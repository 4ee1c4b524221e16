package io.kizuna.web;

import java.net.http.HttpResponse;

/** WebSession (package-private) for the support tests in their own package. */
public final class SupportSessions {

	private SupportSessions() {
	}

	public static final class Session {

		private final WebSession session;

		Session(WebSession session) {
			this.session = session;
		}

		public HttpResponse<String> get(String path) {
			return session.get(path);
		}

		public HttpResponse<String> post(String path, String form) {
			return session.post(path, form);
		}
	}

	public static Session signIn(int port, String email, String password) {
		return new Session(WebSession.signedIn(port, email, password));
	}
}
