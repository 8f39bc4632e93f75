package org.fedcmdb.changes;

import org.fedcmdb.graph.CodedException;

/** A refused change request or action, with the HTTP status and the code clients act on. */
class ChangeException extends CodedException {

	ChangeException(int status, String code, String message) {
		super(status, code, message);
	}

}
