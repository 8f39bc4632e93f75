/**
 * The console: the web page for change reviewers and incident responders, and GraphiQL, served from the jar with
 * every asset local. The page is static; all its data comes from the public GraphQL API with the signed-in token.
 * This package only maps the pages and sets the headers that keep them same-origin.
 */
@ApplicationModule(displayName = "Console",
	allowedDependencies = {})
package org.fedcmdb.console;

import org.springframework.modulith.ApplicationModule;
