package org.fedcmdb.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fedcmdb.health.*}: how often the figures are recomputed, how many examples a figure keeps (duplicate pairs,
 * orphans), and the longest one computation may take.
 */
@ConfigurationProperties("fedcmdb.health")
record HealthProperties(@DefaultValue("5m") Duration refresh, @DefaultValue("20") int sample,
		@DefaultValue("2m") Duration timeout) {
}
