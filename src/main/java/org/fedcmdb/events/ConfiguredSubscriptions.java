package org.fedcmdb.events;

import org.fedcmdb.graph.StartupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Applies {@code fedcmdb.events.subscriptions} at start: each is created or brought in step with the configuration. A
 * wrong entry (bad URL, unknown type, bad secret) stops start-up with one coded line, like other configuration errors.
 */
@Component
class ConfiguredSubscriptions implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ConfiguredSubscriptions.class);

	private final EventProperties properties;

	private final Subscriptions subscriptions;

	ConfiguredSubscriptions(EventProperties properties, Subscriptions subscriptions) {
		this.properties = properties;
		this.subscriptions = subscriptions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (int i = 0; i < properties.subscriptions().size(); i++) {
			EventProperties.Configured c = properties.subscriptions().get(i);
			try {
				subscriptions.upsertConfigured(c);
			}
			catch (EventException ex) {
				throw new StartupException("INVALID_SUBSCRIPTION_CONFIG", "fedcmdb.events.subscriptions[" + i + "]"
						+ (c.name() == null ? "" : " '" + c.name() + "'") + ": " + ex.getMessage(),
						"Fix the subscription in the configuration, or remove it.");
			}
		}
		if (!properties.subscriptions().isEmpty()) {
			log.info("{} webhook subscription(s) from configuration applied", properties.subscriptions().size());
		}
	}

}
