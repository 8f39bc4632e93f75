package org.fedcmdb.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A snapshot's status as {@code GET /api/v1/snapshots/{id}} answers it (the REST contract's {@code SnapshotStatus}):
 * its envelope, where it stands, its counts and one page of per-entry results.
 * @param status RECEIVING, QUEUED, PROCESSING, COMPLETED or FAILED
 * @param collectedAt the envelope's collection time, ISO-8601
 * @param counts entries per operation (INSERT, UPDATE, NO_CHANGE, PENDING, REJECTED, ...)
 * @param withdrawal what a complete FULL snapshot withdrew, or why it did not; absent for other snapshots
 * @param error why it FAILED; absent otherwise
 * @param resultsTotal entry results in all, of which {@code results} is the requested page
 */
public record SnapshotStatus(String snapshotId, String source, String scope, String mode, boolean complete,
		String status, String collectedAt, Progress progress, Map<String, Integer> counts, long edgesCreated,
		@JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> withdrawal,
		@JsonInclude(JsonInclude.Include.NON_NULL) String error, int resultsTotal, List<Map<String, Object>> results) {

	/** Records applied of those the snapshot holds, and its chunks. */
	public record Progress(long itemsDone, long itemsTotal, int chunks) {
	}

	/** Stored counts (JSON numbers of any type) as entries per operation. */
	static Map<String, Integer> counts(Map<String, Object> stored) {
		Map<String, Integer> out = new LinkedHashMap<>();
		stored.forEach((op, n) -> out.put(op, n instanceof Number x ? x.intValue() : 0));
		return out;
	}

}
