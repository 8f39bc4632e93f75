package org.fedcmdb.identification;

import java.util.List;

/**
 * What identification decided for one record.
 *
 * @param ciId the CI the record is (null for NEW and MULTI_MATCH)
 * @param merge other CIs the record proves to be the same as {@code ciId}; to be merged into it
 * @param decidedBy the identifier set that decided, e.g. "serialNumber", for the explanation
 */
public record Decision(Kind kind, String ciId, List<String> merge, String decidedBy, String message) {

	public enum Kind {
		/** Exactly one existing CI. */
		MATCH,
		/** No existing CI: create one. */
		NEW,
		/** Several existing CIs: they are one, merge into {@code ciId}. */
		MERGE,
		/** Too many CIs or conflicting CIs match: refuse rather than guess. */
		MULTI_MATCH }

	static Decision newCi() {
		return new Decision(Kind.NEW, null, List.of(), null, null);
	}

}
