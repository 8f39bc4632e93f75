package org.fedcmdb.ingest;

/** A refused request as a whole: HTTP status, machine-readable code and a message that says what to fix. */
class SnapshotException extends RuntimeException {

	private final int status;

	private final String code;

	SnapshotException(int status, String code, String message) {
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
