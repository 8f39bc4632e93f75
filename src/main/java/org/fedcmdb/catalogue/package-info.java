/**
 * The class taxonomy and identifier rules, read from YAML; depends on nothing.
 */
@ApplicationModule(displayName = "Class catalogue",
	allowedDependencies = {})
package org.fedcmdb.catalogue;

import org.springframework.modulith.ApplicationModule;
