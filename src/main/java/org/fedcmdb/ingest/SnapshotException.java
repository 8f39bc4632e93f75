package org.fedcmdb.ingest;

import org.fedcmdb.graph.CodedException;
import tools.jackson.core.JacksonException;

/** A refused snapshot request as a whole: HTTP status, machine-readable code and a message that says what to fix. */
class SnapshotException extends CodedException {

	SnapshotException(int status, String code, String message) {
		super(status, code, message);
	}

	static SnapshotException emptyBody() {
		return new SnapshotException(400, "EMPTY_BODY", "The request body is empty");
	}

	/** A body that is not JSON: the parser's first line says where. */
	static SnapshotException malformed(JacksonException ex) {
		String m = ex.getOriginalMessage();
		return new SnapshotException(400, "MALFORMED_JSON",
				"The body is not valid JSON: " + (m == null ? ex.getClass().getSimpleName() : m.lines().findFirst().orElse("")));
	}

}
