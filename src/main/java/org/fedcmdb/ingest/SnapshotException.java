package org.fedcmdb.ingest;

import org.fedcmdb.graph.CodedException;

/** A refused snapshot request as a whole: HTTP status, machine-readable code and a message that says what to fix. */
class SnapshotException extends CodedException {

	SnapshotException(int status, String code, String message) {
		super(status, code, message);
	}

}
