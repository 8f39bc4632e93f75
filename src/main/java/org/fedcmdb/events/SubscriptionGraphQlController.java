package org.fedcmdb.events;

import java.time.Duration;
import java.time.Instant;
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
	List<Subscription> subscriptions() {
		return coded(subscriptions::list);
	}

	@QueryMapping
	List<Delivery> deliveries(@Argument String subscriptionId, @Argument Integer first) {
		return coded(() -> subscriptions.deliveries(subscriptionId, first == null ? 50 : first));
	}

	@MutationMapping
	Subscriptions.WithSecret createSubscription(@Argument SubscriptionInput input) {
		return coded(() -> subscriptions.create(input.toInput()));
	}

	@MutationMapping
	Subscription updateSubscription(@Argument String id, @Argument SubscriptionInput input) {
		return coded(() -> subscriptions.update(id, input.toInput()));
	}

	@MutationMapping
	Subscription pauseSubscription(@Argument String id) {
		return coded(() -> subscriptions.pause(id));
	}

	@MutationMapping
	Subscription resumeSubscription(@Argument String id) {
		return coded(() -> subscriptions.resume(id));
	}

	@MutationMapping
	boolean deleteSubscription(@Argument String id) {
		return coded(() -> subscriptions.delete(id));
	}

	@MutationMapping
	Subscriptions.WithSecret rotateSubscriptionSecret(@Argument String id, @Argument Integer graceSeconds) {
		return coded(() -> subscriptions.rotate(id, Duration.ofSeconds(graceSeconds == null ? 86_400 : graceSeconds)));
	}

	@MutationMapping
	Subscription replayEvents(@Argument String subscriptionId, @Argument String fromSequence,
			@Argument Instant fromTime) {
		return coded(() -> {
			Long seq = null;
			if (fromSequence != null) {
				if (!fromSequence.matches("\\d{1,18}")) {
					throw new EventException(400, "INVALID_REPLAY", "fromSequence is a sequence (digits)");
				}
				seq = Long.parseLong(fromSequence);
			}
			return subscriptions.replay(subscriptionId, seq, fromTime == null ? null : fromTime.toEpochMilli());
		});
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
