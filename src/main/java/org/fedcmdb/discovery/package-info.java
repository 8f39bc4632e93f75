/**
 * The built-in agents run in the server and the first start.
 */
@ApplicationModule(displayName = "Discovery scheduling",
	allowedDependencies = {"agents", "graph", "ingest"})
package org.fedcmdb.discovery;

import org.springframework.modulith.ApplicationModule;
