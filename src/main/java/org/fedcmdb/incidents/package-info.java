/**
 * Alerts in, correlated incidents out to the ITSM; never writes a CI.
 */
@ApplicationModule(displayName = "Alerts and incidents",
	allowedDependencies = {"catalogue", "events", "graph", "identification", "impact", "security"})
package org.fedcmdb.incidents;

import org.springframework.modulith.ApplicationModule;
