package org.fedcmdb.scheduling;

import java.time.Instant;

/**
 * A configured agent and its schedule on this instance.
 * @param source the source its snapshots are posted as (its type's default when none is configured)
 * @param cron its Quartz schedule; null for an agent run on demand only
 * @param nextFireTime the schedule's next fire; null when it has none
 * @param running a run of it is under way on this instance
 */
public record AgentInfo(String name, String type, String source, String cron, boolean enabled, Instant nextFireTime,
		boolean running) {
}
