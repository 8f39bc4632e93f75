package org.fedcmdb.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Compressed;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Service;

/**
 * The pull side: events after a cursor (a sequence), optionally filtered by type, optionally waiting until one exists
 * (long-poll). Cursors are sequences, so they survive restarts and work against any instance.
 */
@Service
public class EventFeed {

	static final int MAX_LIMIT = 1_000;

	/** The cursor meaning "from the newest event on". */
	static final long LATEST = -1;

	static final Duration MAX_WAIT = Duration.ofSeconds(60);

	private static final int BATCHES_PER_READ = 20;

	private final Driver driver;

	private final CypherCatalog cypher;

	/**
	 * Recently decoded batches by their last sequence, least recently used out first (a LinkedHashMap in access
	 * order: a dozen lines, no cache library needed for 32 immutable entries).
	 */
	private final Map<Long, List<Map<String, Object>>> decoded = new java.util.LinkedHashMap<>(64, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, List<Map<String, Object>>> eldest) {
			return size() > 32;
		}
	};

	EventFeed(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/**
	 * A page of the feed. {@code next} is the cursor to send next time (the last sequence examined: with a type filter
	 * it can move past events that were skipped), {@code last} the newest sequence there is.
	 */
	public record Page(List<Map<String, Object>> events, long next, long last, boolean hasMore) {
	}

	/** The newest sequence and the one through which events were purged. */
	record State(long last, long purgedThrough) {
	}

	State state() {
		try (Session s = driver.session()) {
			Record r = s.executeRead(tx -> tx.run(cypher.get("events-state")).single());
			return new State(r.get("last").asLong(), r.get("purgedThrough").asLong());
		}
	}

	/**
	 * A page of the feed after {@code after}, as it is now (a wait for something newer is a {@link #poll}, answered
	 * without holding a thread by the REST feed).
	 *
	 * @throws EventException CURSOR_EXPIRED (410) when events after the cursor were purged, INVALID_CURSOR when the
	 * cursor is ahead of the feed
	 */
	public Page read(long after, int limit, Set<String> types) {
		return poll(after, limit, types).look(true);
	}

	/** How often a waiting reader looks again. */
	public static final Duration POLL_INTERVAL = Duration.ofMillis(200);

	/**
	 * A reader's wait for a page with events after {@code after}: each {@link Poll#look} reads on from where the last
	 * one got to (events the type filter leaves out are passed over, so the page says where it got to).
	 */
	public Poll poll(long after, int limit, Set<String> types) {
		return new Poll(after == LATEST ? state().last() : after, limit, types);
	}

	/** One reader's wait; its looks are not called concurrently. */
	public final class Poll {

		private long after;

		private final int limit;

		private final Set<String> types;

		private Poll(long after, int limit, Set<String> types) {
			this.after = after;
			this.limit = limit;
			this.types = types;
		}

		/**
		 * The page when it has events, or with {@code last} whatever it holds; null to look again later.
		 *
		 * @throws EventException CURSOR_EXPIRED (410), INVALID_CURSOR (400)
		 */
		public Page look(boolean last) {
			while (true) {
				State st = state();
				if (after < st.purgedThrough()) {
					throw new EventException(410, "CURSOR_EXPIRED", "events after " + after + " up to "
							+ st.purgedThrough() + " are past the retention (fedcmdb.events.retention); start again from "
							+ st.purgedThrough());
				}
				if (after > st.last()) {
					throw new EventException(400, "INVALID_CURSOR",
							"cursor " + after + " is ahead of the feed, whose newest event is " + st.last());
				}
				Page page = readNow(after, limit, types, st.last());
				if (!page.events().isEmpty() || last) {
					return page;
				}
				// only events the filter leaves out: move past them and keep waiting (the page still says where it got to)
				boolean scanOn = page.hasMore() && page.next() > after;
				after = page.next();
				if (!scanOn) {
					return null;
				}
			}
		}

	}

	private Page readNow(long after, int limit, Set<String> types, long last) {
		List<Record> batches;
		try (Session s = driver.session()) {
			batches = s.executeRead(tx -> tx.run(cypher.get("events-read"),
					Map.of("after", after, "batches", BATCHES_PER_READ)).list());
		}
		List<Map<String, Object>> out = new ArrayList<>();
		long next = after;
		for (Record b : batches) {
			boolean relevant = types.isEmpty() || b.get("types").asList(v -> v.asString()).stream().anyMatch(types::contains);
			long first = b.get("first").asLong();
			if (!relevant) {
				next = b.get("last").asLong();
				continue;
			}
			List<Map<String, Object>> events = batch(b.get("last").asLong());
			for (int i = 0; i < events.size(); i++) {
				long seq = first + i;
				if (seq <= after) {
					continue;
				}
				Map<String, Object> e = events.get(i);
				if (types.isEmpty() || types.contains(e.get("type"))) {
					if (out.size() == limit) {
						return new Page(out, next, last, true);
					}
					Map<String, Object> copy = new java.util.LinkedHashMap<>(e); // the cached batch stays as stored
					copy.put("sequence", seq);
					out.add(copy);
				}
				next = seq;
			}
		}
		return new Page(out, next, last, next < last);
	}

	/** A batch's events, decoded once: batches never change, and a delivery of 100 events must not decode 10,000. */
	private List<Map<String, Object>> batch(long last) {
		synchronized (decoded) {
			List<Map<String, Object>> hit = decoded.get(last);
			if (hit != null) {
				return hit;
			}
		}
		byte[] payload;
		try (Session s = driver.session()) {
			payload = s.executeRead(tx -> tx.run(cypher.get("events-payload"), Map.of("last", last)).single()
				.get("payload").asByteArray());
		}
		List<Map<String, Object>> events = decode(payload);
		synchronized (decoded) {
			decoded.put(last, events);
		}
		return events;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> decode(byte[] gz) {
		return (List<Map<String, Object>>) (List<?>) Json.MAPPER.readValue(
				new String(Compressed.decompress(gz), StandardCharsets.UTF_8), List.class);
	}

}
