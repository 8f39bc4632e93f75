package org.fedcmdb.graph;

/**
 * A refused request: the HTTP status, the machine-readable code clients act on and a message that says what to fix.
 * Each module's refusals extend it (snapshots, events, alerts, changes, idempotency keys).
 */
public class CodedException extends RuntimeException {

	private final int status;

	private final String code;

	public CodedException(int status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	public int status() {
		return status;
	}

	public String code() {
		return code;
	}

}
