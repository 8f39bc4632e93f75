/**
 * Idempotency-Key handling for the REST endpoints that create things.
 */
@ApplicationModule(displayName = "Idempotency keys",
	allowedDependencies = {"graph"})
package org.fedcmdb.idempotency;

import org.springframework.modulith.ApplicationModule;
