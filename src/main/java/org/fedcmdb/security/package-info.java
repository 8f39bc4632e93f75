/**
 * Bearer tokens, roles and the request filter.
 */
@ApplicationModule(displayName = "Tokens and roles",
	allowedDependencies = {"graph"})
package org.fedcmdb.security;

import org.springframework.modulith.ApplicationModule;
