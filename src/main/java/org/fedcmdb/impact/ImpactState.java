package org.fedcmdb.impact;

/** How badly an impacted CI is hit: DOWN (it cannot work) or DEGRADED (a redundancy group absorbed the failure). */
public enum ImpactState {

	DEGRADED, DOWN;

	static ImpactState max(ImpactState a, ImpactState b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.ordinal() >= b.ordinal() ? a : b;
	}

}
