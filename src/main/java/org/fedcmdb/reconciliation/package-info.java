/**
 * Which source wins each attribute: pure rules over plain records.
 */
@ApplicationModule(displayName = "Reconciliation",
	allowedDependencies = {"catalogue"})
package org.fedcmdb.reconciliation;

import org.springframework.modulith.ApplicationModule;
