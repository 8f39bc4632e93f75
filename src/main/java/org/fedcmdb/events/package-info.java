/**
 * The outbox every change is written to, the feed and webhook delivery; knows nothing of what produces events.
 */
@ApplicationModule(displayName = "Events outbox and delivery",
	allowedDependencies = {"catalogue", "graph", "longpoll"})
package org.fedcmdb.events;

import org.springframework.modulith.ApplicationModule;
