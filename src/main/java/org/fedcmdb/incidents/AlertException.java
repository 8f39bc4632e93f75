package org.fedcmdb.incidents;

import org.fedcmdb.graph.CodedException;

/** A refused alert notification or incident request, with the HTTP status and the code clients act on. */
class AlertException extends CodedException {

	AlertException(int status, String code, String message) {
		super(status, code, message);
	}

}
