package org.fedcmdb.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * {@code --watch-queries}: samples the database's running queries ({@code SHOW TRANSACTIONS}) every 250 ms and counts,
 * per query text, how often it was seen running: where the database's time goes, by statement, which a JFR profile
 * of the embedded server cannot tell (its Bolt workers' stacks do not name the query).
 */
final class QueryWatch implements AutoCloseable {

	private final Driver driver;

	private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

	private final AtomicLong samples = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	/** The same counts for the current 10 s window, logged and reset at its end: what ran when. */
	private final Map<String, AtomicLong> window = new ConcurrentHashMap<>();

	private long windowStart = System.currentTimeMillis();

	QueryWatch(Driver driver) {
		this.driver = driver;
		this.thread = new Thread(this::loop, "bench-query-watch");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void loop() {
		while (running) {
			try (Session s = driver.session()) {
				for (Record r : s.run("SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW' "
						+ "RETURN currentQuery").list()) {
					String q = r.get("currentQuery").asString("").replaceAll("\\s+", " ").trim();
					if (!q.isEmpty()) {
						String key = q.length() > 140 ? q.substring(0, 140) : q;
						seen.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
						window.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
					}
				}
				samples.incrementAndGet();
				if (System.currentTimeMillis() - windowStart >= 10_000) {
					Bench.log("queries seen in the last 10 s: %s", topOf(window, 3, 40));
					window.clear();
					windowStart = System.currentTimeMillis();
				}
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				// the server may be shutting down
			}
		}
	}

	/** The queries seen running most often, with the share of samples they were seen in. */
	Map<String, Object> top(int n) {
		return topOf(seen, n, samples.get());
	}

	private static Map<String, Object> topOf(Map<String, AtomicLong> counts, int n, long samples) {
		Map<String, Object> out = new LinkedHashMap<>();
		long total = Math.max(1, samples);
		counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(n)
			.forEach(e -> out.put(e.getKey(), String.format("%d samples (%.0f%%)", e.getValue().get(),
					100.0 * e.getValue().get() / total)));
		return out;
	}

	@Override
	public void close() {
		running = false;
		thread.interrupt();
	}

}
