/**
 * The Neo4j connection (embedded or a server), schema migrations and the Cypher catalogue.
 */
@ApplicationModule(displayName = "Graph foundation",
	allowedDependencies = {})
package org.fedcmdb.graph;

import org.springframework.modulith.ApplicationModule;
