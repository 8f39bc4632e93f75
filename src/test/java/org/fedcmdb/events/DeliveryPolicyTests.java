package org.fedcmdb.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The retry and disable rules of webhook delivery, without a receiver or a database. */
class DeliveryPolicyTests {

	static final List<Duration> SPEC = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5),
			Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
			Duration.ofHours(20), Duration.ofHours(24));

	final DeliveryPolicy policy = new DeliveryPolicy(SPEC, 5, ms -> ms); // no jitter: exact times

	static WebhookSender.Outcome outcome(String o, Long retryAfterMs) {
		return new WebhookSender.Outcome(o, o.equals("DELIVERED") ? 200 : 500, 12, o.equals("DELIVERED") ? null : "HTTP 500",
				retryAfterMs, "evt_1");
	}

	@Test
	void aDeliveryMovesTheCursorAndResetsEverything() {
		DeliveryPolicy.Decision d = policy.decide(3, 2, 42, outcome("DELIVERED", null), 1_000);
		assertThat(d.outcome()).isEqualTo("DELIVERED");
		assertThat(d.props()).containsEntry("cursor", 42L).containsEntry("attempt", 0).containsEntry("consecutiveFailures", 0)
			.containsEntry("lastDeliveredAt", 1_000L);
		assertThat(d.nextAttemptAt()).isNull();
	}

	@Test
	void failuresFollowTheSpecificationsScheduleWithoutMovingTheCursor() {
		long now = 1_000_000;
		long[] expected = { 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000 };
		for (int failed = 0; failed < expected.length; failed++) {
			DeliveryPolicy.Decision d = policy.decide(failed, 0, 42, outcome("FAILED", null), now);
			assertThat(d.outcome()).isEqualTo("FAILED");
			assertThat(d.nextAttemptAt()).as("after attempt %d", failed + 1).isEqualTo(now + expected[failed]);
			assertThat(d.props()).doesNotContainKey("cursor").containsEntry("attempt", failed + 1);
		}
	}

	@Test
	void retryAfterWinsWhenLongerThanTheSchedule() {
		assertThat(policy.decide(0, 0, 42, outcome("THROTTLED", 60_000L), 0).nextAttemptAt()).isEqualTo(60_000L);
		assertThat(policy.decide(0, 0, 42, outcome("THROTTLED", 1_000L), 0).nextAttemptAt()).isEqualTo(5_000L);
	}

	@Test
	void afterTheLastAttemptTheEventsAreDeadLetteredAndTheCursorMovesOn() {
		DeliveryPolicy.Decision d = policy.decide(SPEC.size() - 1, 0, 42, outcome("FAILED", null), 0);
		assertThat(d.outcome()).isEqualTo("DEAD_LETTERED");
		assertThat(d.props()).containsEntry("cursor", 42L).containsEntry("attempt", 0).containsEntry("consecutiveFailures", 1)
			.doesNotContainKey("status");
	}

	@Test
	void aRunOfDeadLettersDisablesTheSubscription() {
		DeliveryPolicy.Decision d = policy.decide(SPEC.size() - 1, 4, 42, outcome("FAILED", null), 0);
		assertThat(d.props()).containsEntry("status", "DISABLED");
		assertThat((String) d.props().get("disabledReason")).contains("5 deliveries in a row").contains("HTTP 500");
	}

	@Test
	void goneDisablesAtOnceAndKeepsTheCursor() {
		DeliveryPolicy.Decision d = policy.decide(0, 0, 42, new WebhookSender.Outcome("GONE", 410, 3, "HTTP 410 Gone", null, "x"), 0);
		assertThat(d.props()).containsEntry("status", "DISABLED").doesNotContainKey("cursor");
	}

}
