/**
 * CMDB health: the data's own quality, computed on a schedule (completeness against the class catalogue's required
 * attributes, correctness as duplicate candidates, orphans and pending edges, compliance with the sources' staleness
 * windows), answered by GraphQL {@code health} and exported as {@code fedcmdb_health_*} metrics.
 */
@ApplicationModule(displayName = "CMDB health",
	allowedDependencies = {"catalogue", "graph", "reconciliation"})
package org.fedcmdb.health;

import org.springframework.modulith.ApplicationModule;
