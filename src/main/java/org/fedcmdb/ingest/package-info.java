/**
 * Snapshot intake, the durable queue and the worker that applies it.
 */
@ApplicationModule(displayName = "Ingestion",
	allowedDependencies = {"catalogue", "cis", "events", "graph", "idempotency", "identification", "longpoll", "reconciliation", "security"})
package org.fedcmdb.ingest;

import org.springframework.modulith.ApplicationModule;
