package org.fedcmdb.changes;

/** A refused change request or action, with the HTTP status and the code clients act on. */
class ChangeException extends RuntimeException {

	private final int status;

	private final String code;

	ChangeException(int status, String code, String message) {
		super(message);
		this.status = status;
		this.code = code;
	}

	int status() {
		return status;
	}

	String code() {
		return code;
	}

}
