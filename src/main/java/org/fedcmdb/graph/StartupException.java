package org.fedcmdb.graph;

import java.nio.file.Path;

/**
 * A start-up failure an operator can fix, with a code, a one-line description and the action to take. Turned into a
 * short report without a stack trace by {@link StartupFailureAnalyzer}.
 */
public class StartupException extends RuntimeException {

	private final String code;

	private final String action;

	public StartupException(String code, String message, String action) {
		super(message);
		this.code = code;
		this.action = action;
	}

	public String code() {
		return code;
	}

	public String action() {
		return action;
	}

	static StartupException from(Path home, RuntimeException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			String name = t.getClass().getSimpleName();
			if (name.equals("FileLockException") || String.valueOf(t.getMessage()).contains("locked by another")) {
				return new StartupException("DATA_DIR_LOCKED",
						"The data directory " + home + " is in use by another fedcmdb or Neo4j process.",
						"Stop the other instance, or start this one with a different --fedcmdb.data-dir.");
			}
			if (t instanceof java.nio.file.AccessDeniedException) {
				return new StartupException("DATA_DIR_NOT_WRITABLE",
						"The data directory " + home + " is not writable: " + t.getMessage(),
						"Set fedcmdb.data-dir to a directory this user can write, or fix its permissions.");
			}
		}
		return new StartupException("EMBEDDED_NEO4J_FAILED",
				"The embedded Neo4j in " + home + " did not start: " + rootMessage(ex),
				"Check the log above; the store may be damaged or from an incompatible Neo4j version.");
	}

	private static String rootMessage(Throwable ex) {
		Throwable t = ex;
		while (t.getCause() != null) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + ": " + t.getMessage();
	}

}
