package org.fedcmdb.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/** Subscriptions and deliveries read from their stored properties into records: what is shown, what is left out. */
class SubscriptionRecordsTests {

	@Test
	void aStoredSubscriptionKeepsItsSecretsAndLeaseOutOfTheRecord() {
		Map<String, Object> stored = new HashMap<>();
		stored.put("id", "sub_1");
		stored.put("url", "https://hooks.example/x");
		stored.put("types", List.of("ci.created"));
		stored.put("classes", List.of());
		stored.put("maxBatch", 20L);
		stored.put("status", "ACTIVE");
		stored.put("cursor", 9_000_000_000L);
		stored.put("attempt", 2L);
		stored.put("nextAttemptAt", 0L);
		stored.put("lastDeliveredAt", 1_700_000_000_000L);
		stored.put("createdAt", 1_600_000_000_000L);
		stored.put("consecutiveFailures", 3L);
		stored.put("secret", "whsec_c2VjcmV0");
		stored.put("previousSecret", "whsec_b2xk");
		stored.put("leaseHolder", "instance-a");
		Subscription s = Subscription.of(Values.value(stored));
		assertThat(s).isEqualTo(new Subscription("sub_1", "https://hooks.example/x", List.of("ci.created"), List.of(), 20,
				null, "ACTIVE", null, 9_000_000_000L, 2, null, Instant.ofEpochMilli(1_700_000_000_000L), null,
				Instant.ofEpochMilli(1_600_000_000_000L), null, Subscriptions.STANDARD_WEBHOOKS, false, 3));
		assertThat(s.toString()).doesNotContain("whsec_", "instance-a");
	}

	@Test
	void aScheduledAttemptAndAConnectorAreShown() {
		Subscription s = Subscription.of(Values.value(Map.of("id", "cfg_pd", "nextAttemptAt", 1_000L, "format",
				"pagerduty", "configured", true, "types", List.of("incident.opened", "incident.resolved"))));
		assertThat(s.nextAttemptAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
		assertThat(s.format()).isEqualTo("pagerduty");
		assertThat(s.configured()).isTrue();
		assertThat(s.types()).containsExactly("incident.opened", "incident.resolved");
		assertThat(s.classes()).isEmpty();
		assertThat(s.maxBatch()).isEqualTo(1);
	}

	@Test
	void aDeliveryWithoutEventsHasNoFirstSequence() {
		Map<String, Object> stored = new HashMap<>();
		stored.put("id", "dlv_1");
		stored.put("at", 5_000L);
		stored.put("eventIds", List.of());
		stored.put("lastSequence", 41L);
		stored.put("attempt", 1L);
		stored.put("status", 503L);
		stored.put("outcome", "FAILED");
		stored.put("latencyMs", 12L);
		stored.put("error", "HTTP 503");
		stored.put("nextAttemptAt", 65_000L);
		assertThat(Delivery.of(Values.value(stored))).isEqualTo(new Delivery("dlv_1", Instant.ofEpochMilli(5_000L), null,
				List.of(), null, 41L, 1, 503, "FAILED", 12L, "HTTP 503", Instant.ofEpochMilli(65_000L)));
	}

}
