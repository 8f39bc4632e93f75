/**
 * The GraphQL schema's controllers and request limits.
 */
@ApplicationModule(displayName = "GraphQL API",
	allowedDependencies = {"asof", "catalogue", "cis", "graph", "identification", "impact", "ingest", "reconciliation", "scheduling", "security"})
package org.fedcmdb.api;

import org.springframework.modulith.ApplicationModule;
