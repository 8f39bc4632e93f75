/**
 * Blast radius, redundancy states and risk: the read side of the graph.
 */
@ApplicationModule(displayName = "Impact analysis",
	allowedDependencies = {"catalogue", "graph"})
package org.fedcmdb.impact;

import org.springframework.modulith.ApplicationModule;
