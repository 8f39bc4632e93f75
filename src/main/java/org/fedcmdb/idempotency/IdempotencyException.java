package org.fedcmdb.idempotency;

/** A refused use of an Idempotency-Key, with the HTTP status and the code clients act on. */
public class IdempotencyException extends RuntimeException {

	private final int status;

	private final String code;

	public IdempotencyException(int status, String code, String message) {
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
