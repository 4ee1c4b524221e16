package io.kizuna.workspace;

/** What an API token may do. */
public enum TokenScope {

	READ("read"), READ_WRITE("read_write");

	private final String code;

	TokenScope(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}

	public static TokenScope fromCode(String code) {
		for (TokenScope scope : values()) {
			if (scope.code.equals(code)) {
				return scope;
			}
		}
		throw new IllegalArgumentException("unknown scope " + code);
	}
}
