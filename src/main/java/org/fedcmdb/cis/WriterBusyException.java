package org.fedcmdb.cis;

/**
 * The writer lease that serialises CI updates across instances could not be had in time, or was lost before the
 * write committed. Nothing was written; the ingestion worker retries by itself, and an administrator's merge or split
 * can simply be sent again (GraphQL code {@code WRITER_BUSY}).
 */
public class WriterBusyException extends RuntimeException {

	WriterBusyException(String message) {
		super(message);
	}

}
