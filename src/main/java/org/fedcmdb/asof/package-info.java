/**
 * The graph as it was: CIs, relationships and effective values at a past instant, and what changed between two
 * (graphDiff); history retention.
 */
@ApplicationModule(displayName = "As-of queries",
	allowedDependencies = {"catalogue", "graph", "impact"})
package org.fedcmdb.asof;

import org.springframework.modulith.ApplicationModule;
