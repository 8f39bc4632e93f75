package org.fedcmdb.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.longpoll.LongPolls;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Change requests in Neo4j. Every write takes the change sequence's lock first (decisions on changes are serialised,
 * so two overlapping requests see each other) and appends its event in the same transaction.
 */
@Component
class ChangeStore {

	private final Driver driver;

	private final CypherCatalog cypher;

	private final EventOutbox outbox;

	private final LongPolls polls;

	ChangeStore(Driver driver, CypherCatalog cypher, EventOutbox outbox, LongPolls polls) {
		this.driver = driver;
		this.cypher = cypher;
		this.outbox = outbox;
		this.polls = polls;
	}

	/** Numbers, decides (under the lock) and stores a new change with its event. */
	ChangeRecord create(ChangeRecord c, java.util.function.Consumer<TransactionContext> decide) {
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> {
				c.reasons = new ArrayList<>(c.reasons.stream().filter(r -> "risk".equals(r.get("rule"))).toList());
				c.timeline = new ArrayList<>();
				c.number = tx.run(cypher.get("change-request-lock"), Map.of("increment", 1)).single().get("number").asLong();
				c.id = "chg_" + c.number + "r" + Long.toString(java.util.concurrent.ThreadLocalRandom.current()
					.nextLong(36L * 36 * 36 * 36), 36);
				decide.accept(tx);
				save(tx, c, ChangeEvents.forDecision(c));
				return c;
			});
		}
	}

	/** An edit of a stored change, under the lock: returns the event type to append, or null. */
	interface Edit {

		String apply(ChangeRecord c, long now, TransactionContext tx);

	}

	/** Applies {@code edit} to the stored change under the lock and saves it with the event it returns (or none). */
	ChangeRecord update(String id, Edit edit) {
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> {
				tx.run(cypher.get("change-request-lock"), Map.of("increment", 0)).consume();
				ChangeRecord c = get(tx, id);
				if (c == null) {
					throw new ChangeException(404, "CHANGE_NOT_FOUND", "no change " + abbreviate(id));
				}
				String type = edit.apply(c, System.currentTimeMillis(), tx);
				save(tx, c, type == null ? List.of() : List.of(ChangeEvents.draft(type, c)));
				return c;
			});
		}
		finally {
			polls.wake(); // a decision (committed, or not: a look finds out) answers those waiting at the gate
		}
	}

	private void save(TransactionContext tx, ChangeRecord c, List<EventDraft> events) {
		tx.run(cypher.get("change-request-save"), Map.of("row", c.toRow())).consume();
		outbox.append(tx, events);
	}

	List<Map<String, Object>> collisions(TransactionContext tx, ChangeRecord c) {
		return tx.run(cypher.get("change-request-collisions"), Map.of("id", c.id == null ? "" : c.id, "start",
				c.plannedStart, "end", c.plannedEnd, "footprint", c.footprint)).list(r -> r.asMap());
	}

	ChangeRecord get(String id) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> get(tx, id));
		}
	}

	private ChangeRecord get(TransactionContext tx, String id) {
		var rows = tx.run(cypher.get("change-request-get"), Map.of("id", id)).list();
		return rows.isEmpty() ? null : ChangeRecord.from(rows.get(0).get("change").asMap());
	}

	List<ChangeRecord> page(String status, Boolean awaitingReview, Long before, int limit) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("status", status);
		p.put("review", awaitingReview);
		p.put("before", before);
		p.put("limit", limit);
		return list("change-request-page", p);
	}

	List<ChangeRecord> expired(long now) {
		return list("change-request-expire", Map.of("now", now));
	}

	List<ChangeRecord> completedBetweenOn(List<String> ciIds, long from, long to) {
		return list("change-request-completed-before", Map.of("ids", ciIds, "from", from, "to", to));
	}

	List<Map<String, Object>> success(String by, long since) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("change-request-success"), Map.of("by", by, "since", since))
				.list(r -> r.asMap()));
		}
	}

	private List<ChangeRecord> list(String query, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get(query), params).list(r -> ChangeRecord.from(r.get("change").asMap())));
		}
	}

	static String abbreviate(String s) {
		return s == null ? "null" : s.length() > 80 ? s.substring(0, 80) + "..." : s;
	}

}
