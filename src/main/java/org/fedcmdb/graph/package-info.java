/**
 * The Neo4j connection (embedded or a server), schema migrations, the Cypher catalogue, and the ingestion path's
 * transactions ({@link org.fedcmdb.graph.Transactions}: in process on the embedded database).
 */
@ApplicationModule(displayName = "Graph foundation",
	allowedDependencies = {})
package org.fedcmdb.graph;

import org.springframework.modulith.ApplicationModule;
