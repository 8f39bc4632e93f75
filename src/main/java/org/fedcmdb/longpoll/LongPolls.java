package org.fedcmdb.longpoll;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Answers long polls ({@code ?wait=} of the snapshot status, the change gate and the event feed) asynchronously: the
 * request's thread goes back to Tomcat while the answer is pending, and a small pool of this module's threads looks
 * again at every {@code interval}, and at once when {@link #wake() woken} by what the waiters wait for. A request
 * thread per waiting client capped the server at Tomcat's 200 threads: a fleet of agents waiting for their
 * snapshots, or pipelines at the change gate, starved every other request. Written here rather than with a reactive
 * stack because the rest of the server is blocking Spring MVC over the Neo4j driver; Spring MVC's
 * {@link DeferredResult} is the supported way to complete such a request later.
 */
@Component
public class LongPolls implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LongPolls.class);

	/** How long after its wait the container may end a request whose answer is late (a very busy database). */
	static final Duration GRACE = Duration.ofSeconds(30);

	/**
	 * One look at what a waiter waits for.
	 *
	 * @param <T> the answer
	 */
	@FunctionalInterface
	public interface Check<T> {

		/**
		 * @param last the wait is over: answer with what there is now
		 * @return the answer when it is final (or {@code last}), else null to be asked again
		 * @throws RuntimeException the request's error answer (a coded exception, handled as the endpoint's own)
		 */
		T look(boolean last);

	}

	private final ScheduledThreadPoolExecutor pool;

	private final int maxWaiters;

	private final Set<Waiter<?>> waiters = ConcurrentHashMap.newKeySet();

	@Autowired
	LongPolls(@Value("${fedcmdb.long-poll.threads:2}") int threads,
			@Value("${fedcmdb.long-poll.max-waiters:10000}") int maxWaiters, ObjectProvider<MeterRegistry> metrics) {
		this(threads, maxWaiters);
		MeterRegistry registry = metrics.getIfAvailable();
		if (registry != null) {
			Gauge.builder("fedcmdb_long_polls_waiting", waiters, Set::size)
				.description("Requests waiting for a long poll's answer (snapshot status, change gate, event feed)")
				.register(registry);
		}
	}

	LongPolls(int threads, int maxWaiters) {
		if (threads < 1 || maxWaiters < 0) {
			throw new IllegalArgumentException("fedcmdb.long-poll.threads must be at least 1 and max-waiters at least 0");
		}
		this.maxWaiters = maxWaiters;
		this.pool = new ScheduledThreadPoolExecutor(threads, r -> {
			Thread t = new Thread(r, "fedcmdb-long-poll");
			t.setDaemon(true);
			return t;
		});
		this.pool.setRemoveOnCancelPolicy(true);
	}

	/**
	 * The answer to a request that may wait up to {@code wait}: looked at once on the caller's thread (an answer there
	 * and then, or no wait, is not deferred), then on this module's pool every {@code interval} and when woken, and a
	 * last time at the end of the wait. Beyond {@code fedcmdb.long-poll.max-waiters} waiting requests, a new one is
	 * answered at once, as without a wait.
	 */
	public <T> DeferredResult<T> answer(Duration wait, Duration interval, Check<T> check) {
		DeferredResult<T> result = new DeferredResult<>(wait.plus(GRACE).toMillis());
		T now = check.look(wait.isZero() || waiters.size() >= maxWaiters);
		if (now != null) {
			result.setResult(now);
			return result;
		}
		Waiter<T> w = new Waiter<>(check, result, System.nanoTime() + wait.toNanos(), interval.toNanos());
		waiters.add(w);
		result.onCompletion(w::cancel);
		result.onError(ex -> w.cancel());
		result.onTimeout(w::cancel);
		w.schedule(Math.min(w.interval, w.left()));
		return result;
	}

	/** Has every waiter look again now: what some wait for may have happened (a snapshot ended, events appended). */
	public void wake() {
		for (Waiter<?> w : waiters) {
			w.schedule(0);
		}
	}

	/** Requests waiting now. */
	int waiting() {
		return waiters.size();
	}

	@Override
	public void destroy() {
		pool.shutdownNow();
	}

	/** One waiting request: its looks never overlap, and it is answered once. */
	private final class Waiter<T> {

		private final Check<T> check;

		private final DeferredResult<T> result;

		private final long deadline;

		private final long interval;

		private final AtomicBoolean done = new AtomicBoolean();

		/** The next look (null while one runs, or none is due). */
		private ScheduledFuture<?> next;

		Waiter(Check<T> check, DeferredResult<T> result, long deadline, long interval) {
			this.check = check;
			this.result = result;
			this.deadline = deadline;
			this.interval = Math.max(1, interval);
		}

		long left() {
			return Math.max(0, deadline - System.nanoTime());
		}

		/** A look in {@code nanos}, unless one is due sooner. */
		synchronized void schedule(long nanos) {
			if (done.get() || (next != null && next.getDelay(TimeUnit.NANOSECONDS) <= nanos)) {
				return;
			}
			if (next != null) {
				next.cancel(false);
			}
			try {
				next = pool.schedule(this::look, nanos, TimeUnit.NANOSECONDS);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				cancel(); // shutting down
			}
		}

		/**
		 * Looks, one look of a waiter at a time (a wake may schedule one while another runs on the pool's other
		 * thread: it waits for it, then finds the waiter answered or looks again).
		 */
		private void look() {
			synchronized (this) {
				next = null;
			}
			synchronized (check) {
				if (done.get()) {
					return;
				}
				boolean last = left() == 0;
				T answer;
				try {
					answer = check.look(last);
				}
				catch (RuntimeException | Error ex) {
					if (ex instanceof Error) {
						log.warn("A long poll's look failed: {}", ex.toString());
					}
					finish();
					result.setErrorResult(ex);
					return;
				}
				if (answer != null || last) {
					finish();
					result.setResult(answer);
					return;
				}
			}
			schedule(Math.min(interval, left()));
		}

		private void finish() {
			done.set(true);
			waiters.remove(this);
		}

		/** The request ended without this module's answer (the client left, the container timed it out). */
		void cancel() {
			finish();
			synchronized (this) {
				if (next != null) {
					next.cancel(false);
					next = null;
				}
			}
		}

	}

}
