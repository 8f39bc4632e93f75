/**
 * Quartz jobs, once per cluster: agents and staleness.
 */
@ApplicationModule(displayName = "Scheduling",
	allowedDependencies = {"agents", "cis", "graph", "ingest"})
package org.fedcmdb.scheduling;

import org.springframework.modulith.ApplicationModule;
