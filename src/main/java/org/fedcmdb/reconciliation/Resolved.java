package org.fedcmdb.reconciliation;

import java.util.List;

/**
 * The effective value of one attribute and why it won.
 *
 * @param reason AUTHORITATIVE (ranked by {@code rule}), MOST_RECENT (no rule ranks the sources that have it),
 * FALLBACK_STALE (every asserting source's value is past its staleness window; the most recent is kept and flagged), or
 * FALLBACK_WITHDRAWN (only sources that stopped reporting the CI have a value: the last known one is kept)
 */
public record Resolved(String attribute, Object value, String source, long observedAt, String reason, String rule,
		List<Candidate> candidates) {

	/** One source's value as considered. */
	public record Candidate(String source, Object value, long observedAt, boolean stale, boolean withdrawn) {
	}

}
