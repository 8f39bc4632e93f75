/**
 * Long polls without a request thread: an endpoint's {@code ?wait=} answers through {@link org.fedcmdb.longpoll.LongPolls},
 * which looks again on a small pool of its own (at an interval, and at once when woken) and completes the request
 * asynchronously, so that hundreds of agents, pipelines and feed readers waiting at once do not hold Tomcat's threads.
 */
@ApplicationModule(displayName = "Long polls", allowedDependencies = {})
package org.fedcmdb.longpoll;

import org.springframework.modulith.ApplicationModule;
