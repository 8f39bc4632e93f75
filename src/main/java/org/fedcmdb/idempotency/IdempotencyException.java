package org.fedcmdb.idempotency;

import org.fedcmdb.graph.CodedException;

/** A refused use of an Idempotency-Key, with the HTTP status and the code clients act on. */
public class IdempotencyException extends CodedException {

	public IdempotencyException(int status, String code, String message) {
		super(status, code, message);
	}

}
