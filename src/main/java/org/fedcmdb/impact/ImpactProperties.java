package org.fedcmdb.impact;

import java.time.Instant;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change and incident policy as configuration.
 *
 * @param sharedInfrastructure dependents at or above which a change "touches shared infrastructure" (HIGH)
 * @param sharedInfrastructureCritical dependents at or above which a change is CRITICAL on size alone
 * @param mediumDependents dependents at or above which a change is at least MEDIUM
 * @param standardMaxDependents the most dependents a change may have and still be STANDARD (pre-approved)
 * @param priorityMatrix ITIL impact (row, 1 = high) x urgency (column, 1 = high) → P1..P4
 * @param blackouts change-freeze windows
 */
@ConfigurationProperties("fedcmdb.impact")
public record ImpactProperties(@DefaultValue("1000") int defaultLimit, @DefaultValue("50") int sharedInfrastructure,
		@DefaultValue("1000") int sharedInfrastructureCritical, @DefaultValue("10") int mediumDependents,
		@DefaultValue("5") int standardMaxDependents,
		@DefaultValue({ "P1,P2,P3", "P2,P3,P4", "P3,P4,P4" }) List<String> priorityMatrix,
		@DefaultValue List<Blackout> blackouts) {

	/** A change freeze: no change in [start, end) without CAB. */
	public record Blackout(String name, Instant start, Instant end) {
	}

}
