package org.fedcmdb.backup;

import org.fedcmdb.graph.CodedException;

/** A refused import: the target is not empty, or the file is not a complete fedcmdb export. */
class BackupException extends CodedException {

	BackupException(int status, String code, String message) {
		super(status, code, message);
	}

}
