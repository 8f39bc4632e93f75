/**
 * The change gate for pipelines and the CAB; reads impact and incidents, writes no CI.
 */
@ApplicationModule(displayName = "Change gate",
	allowedDependencies = {"catalogue", "events", "graph", "idempotency", "identification", "impact", "incidents :: queries", "longpoll", "security"})
package org.fedcmdb.changes;

import org.springframework.modulith.ApplicationModule;
