/**
 * The REST API described as OpenAPI 3.1 at /v3/api-docs.
 */
@ApplicationModule(displayName = "OpenAPI description",
	allowedDependencies = {})
package org.fedcmdb.openapi;

import org.springframework.modulith.ApplicationModule;
