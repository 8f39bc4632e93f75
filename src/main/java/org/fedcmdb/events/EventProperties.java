package org.fedcmdb.events;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fedcmdb.events.*}: the outbox, the feed and webhook delivery.
 *
 * @param enabled write events at all (the benchmark measures ingestion with and without)
 * @param retention how long events are kept; an older cursor gets 410 CURSOR_EXPIRED
 * @param allowedTargets hosts or CIDRs webhook URLs may resolve to although private, loopback or link-local
 * @param retrySchedule delays between delivery attempts (Standard Webhooks' schedule by default)
 * @param timeout per delivery request
 * @param disableAfter consecutive dead-lettered deliveries after which a subscription is disabled
 * @param deliveryPoll how often the delivery worker looks for due work when not woken
 * @param subscriptions webhook subscriptions kept in configuration (besides those created over GraphQL)
 */
@ConfigurationProperties("fedcmdb.events")
public record EventProperties(@DefaultValue("true") boolean enabled, @DefaultValue("7d") Duration retention,
		@DefaultValue List<String> allowedTargets,
		@DefaultValue({ "0s", "5s", "5m", "30m", "2h", "5h", "10h", "14h", "20h", "24h" }) List<Duration> retrySchedule,
		@DefaultValue("15s") Duration timeout, @DefaultValue("5") int disableAfter,
		@DefaultValue("1s") Duration deliveryPoll, @DefaultValue List<Configured> subscriptions) {

	/**
	 * A subscription in configuration: {@code fedcmdb.events.subscriptions[0].name/url/types/classes/max-batch/secret}.
	 * Its id is {@code cfg_<name>}; the secret ({@code whsec_...}) comes from configuration (an environment variable or
	 * a secrets file), so the receiver can be set up before the server starts. {@code format} other than
	 * {@code standard-webhooks} selects a connector ({@code servicenow}, {@code pagerduty}) whose URLs and credentials
	 * are in {@code settings}; such a subscription needs no secret and takes one event per request.
	 */
	public record Configured(String name, String url, @DefaultValue List<String> types,
			@DefaultValue List<String> classes, @DefaultValue("1") int maxBatch, String secret, String description,
			@DefaultValue("standard-webhooks") String format, @DefaultValue java.util.Map<String, String> settings) {
	}

}
