package org.fedcmdb.health;

import java.util.List;

/** The health figures at one moment. Counts are of live CIs (not RETIRED) unless named otherwise. */
record HealthReport(long computedAt, long durationMs, int totalCis, List<ClassHealth> classes,
		List<SourceHealth> sources, int duplicateCandidates, List<Duplicate> duplicateSample, List<Orphans> orphans,
		int pendingEdges, Long pendingOldestSince) {

	/**
	 * One class: CIs by status; completeness against its required attributes; compliance (live CIs every asserting
	 * source confirmed within its staleness window).
	 */
	record ClassHealth(String className, int total, int active, int stale, int retired, List<String> required,
			int complete, List<Missing> missing, int withStaleSource) {

		int live() {
			return active + stale;
		}

		double completeness() {
			return live() == 0 ? 1.0 : (double) complete / live();
		}

		double compliance() {
			return live() == 0 ? 1.0 : (double) (live() - withStaleSource) / live();
		}
	}

	record Missing(String attribute, int cis) {
	}

	/** One source: its assertions, those past its window, withdrawn ones, and whether it has gone silent. */
	record SourceHealth(String source, String registeredAs, String staleAfter, int assertions, int stale,
			int withdrawn, Long lastReportAt, boolean silent) {
	}

	record Duplicate(String name, String sharedIdentifier, List<String> ciIds) {
	}

	record Orphans(String className, List<String> missingTypes, int count, List<String> sample) {
	}

}
