package org.fedcmdb.longpoll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The long polls' waiting without a request thread: an answer there and then is not deferred, a waiter is answered
 * when woken, at the end of its wait with what there is, with its look's error, and a full house answers at once.
 */
class LongPollsTests {

	private final LongPolls polls = new LongPolls(2, 3);

	@AfterEach
	void stop() {
		polls.destroy();
	}

	@Test
	void anAnswerThereAndThenIsNotDeferred() {
		DeferredResult<String> r = polls.answer(Duration.ofSeconds(30), Duration.ofHours(1), last -> "ready");
		assertThat(r.getResult()).isEqualTo("ready");
		assertThat(polls.waiting()).isZero();
		// no wait: the one look is the last
		DeferredResult<String> now = polls.answer(Duration.ZERO, Duration.ofHours(1), last -> last ? "as it is" : null);
		assertThat(now.getResult()).isEqualTo("as it is");
	}

	@Test
	void aWaiterIsAnsweredWhenWokenAndNotBefore() {
		AtomicBoolean ended = new AtomicBoolean();
		AtomicInteger looks = new AtomicInteger();
		// an interval of an hour: only the wake makes it look again
		DeferredResult<String> r = polls.answer(Duration.ofSeconds(30), Duration.ofHours(1), last -> {
			looks.incrementAndGet();
			return ended.get() ? "ended" : null;
		});
		assertThat(r.hasResult()).isFalse();
		assertThat(polls.waiting()).isEqualTo(1);
		polls.wake();
		await().atMost(Duration.ofSeconds(10)).until(() -> looks.get() >= 2);
		assertThat(r.hasResult()).isFalse();
		ended.set(true);
		polls.wake();
		await().atMost(Duration.ofSeconds(10)).until(r::hasResult);
		assertThat(r.getResult()).isEqualTo("ended");
		assertThat(polls.waiting()).isZero();
	}

	@Test
	void aWaiterLooksAgainAtItsIntervalAndAnswersAtTheEndOfItsWait() {
		AtomicInteger looks = new AtomicInteger();
		AtomicBoolean lastSeen = new AtomicBoolean();
		DeferredResult<String> r = polls.answer(Duration.ofMillis(600), Duration.ofMillis(50), last -> {
			looks.incrementAndGet();
			lastSeen.set(last);
			return last ? "still running" : null;
		});
		await().atMost(Duration.ofSeconds(10)).until(r::hasResult);
		assertThat(r.getResult()).isEqualTo("still running");
		assertThat(lastSeen).isTrue();
		assertThat(looks.get()).isGreaterThan(2);
		assertThat(polls.waiting()).isZero();
	}

	@Test
	void aLooksErrorIsTheAnswer() {
		AtomicBoolean gone = new AtomicBoolean();
		DeferredResult<String> r = polls.answer(Duration.ofSeconds(30), Duration.ofHours(1), last -> {
			if (gone.get()) {
				throw new IllegalStateException("purged");
			}
			return null;
		});
		gone.set(true);
		polls.wake();
		await().atMost(Duration.ofSeconds(10)).until(r::hasResult);
		assertThat(r.getResult()).isInstanceOf(IllegalStateException.class);
		assertThat(polls.waiting()).isZero();
	}

	@Test
	void beyondItsWaitersANewRequestIsAnsweredAtOnce() {
		for (int i = 0; i < 3; i++) {
			polls.answer(Duration.ofSeconds(30), Duration.ofHours(1), last -> null);
		}
		assertThat(polls.waiting()).isEqualTo(3);
		DeferredResult<String> r = polls.answer(Duration.ofSeconds(30), Duration.ofHours(1),
				last -> last ? "at once" : null);
		assertThat(r.getResult()).isEqualTo("at once");
		assertThat(polls.waiting()).isEqualTo(3);
	}

}
