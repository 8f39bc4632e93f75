package org.fedcmdb.identification;

import java.util.List;
import java.util.Map;

/**
 * An existing CI that shares an identity key with a record.
 *
 * @param firstSeen epoch millis; the oldest candidate survives a merge
 */
public record Candidate(String id, String className, long firstSeen, String scope,
		Map<String, List<String>> identifiers) {
}
