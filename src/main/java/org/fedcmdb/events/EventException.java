package org.fedcmdb.events;

import org.fedcmdb.graph.CodedException;

/** A refused events request, with the HTTP status and the code clients act on. */
public class EventException extends CodedException {

	public EventException(int status, String code, String message) {
		super(status, code, message);
	}

}
