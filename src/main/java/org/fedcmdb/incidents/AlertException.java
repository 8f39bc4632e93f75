package org.fedcmdb.incidents;

/** A refused alert notification or incident request, with the HTTP status and the code clients act on. */
class AlertException extends RuntimeException {

	private final int status;

	private final String code;

	AlertException(int status, String code, String message) {
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
