/**
 * Which stored CI a record is: pure rules over plain records.
 */
@ApplicationModule(displayName = "Identification",
	allowedDependencies = {"catalogue"})
package org.fedcmdb.identification;

import org.springframework.modulith.ApplicationModule;
