package org.fedcmdb.events;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import graphql.GraphqlErrorException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Subscriptions and their delivery log over GraphQL (ADMIN, checked by the GraphQL authorization interceptor). */
@Controller
class SubscriptionGraphQlController {

	private final Subscriptions subscriptions;

	SubscriptionGraphQlController(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	record SubscriptionInput(String url, List<String> types, List<String> classes, Integer maxBatch,
			String description) {
		Subscriptions.Input toInput() {
			return new Subscriptions.Input(url, types, classes, maxBatch, description);
		}
	}

	@QueryMapping
	List<Map<String, Object>> subscriptions() {
		return coded(() -> subscriptions.list().stream().map(SubscriptionGraphQlController::view).toList());
	}

	@QueryMapping
	List<Map<String, Object>> deliveries(@Argument String subscriptionId, @Argument Integer first) {
		return coded(() -> subscriptions.deliveries(subscriptionId, first == null ? 50 : first).stream().map(d -> {
			Map<String, Object> m = new LinkedHashMap<>(d);
			m.computeIfPresent("firstSequence", (k, v) -> String.valueOf(v));
			m.computeIfPresent("lastSequence", (k, v) -> String.valueOf(v));
			return m;
		}).toList());
	}

	@MutationMapping
	Map<String, Object> createSubscription(@Argument SubscriptionInput input) {
		return coded(() -> withSecret(subscriptions.create(input.toInput())));
	}

	@MutationMapping
	Map<String, Object> updateSubscription(@Argument String id, @Argument SubscriptionInput input) {
		return coded(() -> view(subscriptions.update(id, input.toInput())));
	}

	@MutationMapping
	Map<String, Object> pauseSubscription(@Argument String id) {
		return coded(() -> view(subscriptions.pause(id)));
	}

	@MutationMapping
	Map<String, Object> resumeSubscription(@Argument String id) {
		return coded(() -> view(subscriptions.resume(id)));
	}

	@MutationMapping
	boolean deleteSubscription(@Argument String id) {
		return coded(() -> subscriptions.delete(id));
	}

	@MutationMapping
	Map<String, Object> rotateSubscriptionSecret(@Argument String id, @Argument Integer graceSeconds) {
		return coded(() -> withSecret(subscriptions.rotate(id, Duration.ofSeconds(graceSeconds == null ? 86_400 : graceSeconds))));
	}

	@MutationMapping
	Map<String, Object> replayEvents(@Argument String subscriptionId, @Argument String fromSequence,
			@Argument Instant fromTime) {
		return coded(() -> {
			Long seq = null;
			if (fromSequence != null) {
				if (!fromSequence.matches("\\d{1,18}")) {
					throw new EventException(400, "INVALID_REPLAY", "fromSequence is a sequence (digits)");
				}
				seq = Long.parseLong(fromSequence);
			}
			return view(subscriptions.replay(subscriptionId, seq,
					fromTime == null ? null : fromTime.toEpochMilli()));
		});
	}

	/** What a subscription shows: never its secrets. */
	static Map<String, Object> view(Map<String, Object> s) {
		Map<String, Object> m = new LinkedHashMap<>(s);
		m.remove("secret");
		m.remove("previousSecret");
		m.remove("previousSecretUntil");
		m.remove("leaseHolder");
		m.remove("leaseUntil");
		m.put("cursor", String.valueOf(s.get("cursor")));
		if (Long.valueOf(0).equals(s.get("nextAttemptAt"))) {
			m.put("nextAttemptAt", null);
		}
		return m;
	}

	private static Map<String, Object> withSecret(Subscriptions.WithSecret w) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("subscription", view(w.subscription()));
		m.put("secret", w.secret());
		return m;
	}

	private static <T> T coded(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (EventException ex) {
			throw GraphqlErrorException.newErrorException().message(ex.getMessage())
				.extensions(Map.of("code", ex.code())).build();
		}
	}

}
