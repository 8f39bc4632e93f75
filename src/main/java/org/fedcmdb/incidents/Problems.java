package org.fedcmdb.incidents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

/**
 * Problem records: the cause behind recurring incidents. A problem has linked incidents (an incident's
 * {@code problemId}) and CIs, a state, a root cause and a workaround; marked as a known error, its workaround is shown
 * on every new incident whose probable cause is one of its CIs.
 */
@Component
class Problems {

	static final Set<String> STATES = Set.of("NEW", "ASSESSED", "ROOT_CAUSE_ANALYSIS", "FIX_IN_PROGRESS", "RESOLVED",
			"CLOSED");

	/** What a responder sets; null fields are left as they are on update. */
	record Input(String title, List<String> ciIds, String state, String rootCause, String workaround, Boolean knownError) {
	}

	private final Driver driver;

	private final CypherCatalog cypher;

	private final CiReadService reads;

	Problems(Driver driver, CypherCatalog cypher, CiReadService reads) {
		this.driver = driver;
		this.cypher = cypher;
		this.reads = reads;
	}

	Map<String, Object> create(Input in, String by) {
		if (in.title() == null || in.title().isBlank() || in.title().length() > 200) {
			throw new AlertException(400, "INVALID_PROBLEM", "a problem needs a title of 1-200 characters");
		}
		Map<String, Object> row = fields(in, true);
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> {
				long n = tx.run(cypher.get("problem-next-number")).single().get("number").asLong();
				long now = System.currentTimeMillis();
				row.put("id", "PRB" + String.format("%07d", n));
				row.put("number", n);
				row.put("createdAt", now);
				row.put("updatedAt", now);
				row.put("createdBy", by);
				row.putIfAbsent("state", "NEW");
				return tx.run(cypher.get("problem-save"), Map.of("row", row)).single().get("problem").asMap();
			});
		}
	}

	Map<String, Object> update(String id, Input in) {
		Map<String, Object> current = get(id);
		if (current == null) {
			throw new AlertException(404, "PROBLEM_NOT_FOUND", "no problem " + AlertPayloads.abbreviate(id));
		}
		if (in.title() != null && (in.title().isBlank() || in.title().length() > 200)) {
			throw new AlertException(400, "INVALID_PROBLEM", "a problem's title is 1-200 characters");
		}
		Map<String, Object> row = fields(in, false);
		row.put("id", id);
		row.put("updatedAt", System.currentTimeMillis());
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> tx.run(cypher.get("problem-save"), Map.of("row", row)).single().get("problem").asMap());
		}
	}

	private Map<String, Object> fields(Input in, boolean creating) {
		Map<String, Object> row = new LinkedHashMap<>();
		if (in.title() != null) {
			row.put("title", in.title());
		}
		if (in.state() != null) {
			if (!STATES.contains(in.state())) {
				throw new AlertException(400, "INVALID_PROBLEM", "state is one of " + new java.util.TreeSet<>(STATES));
			}
			row.put("state", in.state());
		}
		if (in.ciIds() != null) {
			if (in.ciIds().size() > 1000) {
				throw new AlertException(400, "INVALID_PROBLEM", "at most 1000 CIs on a problem");
			}
			Map<String, String> resolved = reads.resolve(in.ciIds());
			List<String> unknown = in.ciIds().stream().filter(c -> !resolved.containsKey(c)).toList();
			if (!unknown.isEmpty()) {
				throw new AlertException(400, "UNKNOWN_CI", "no CI " + unknown.stream().limit(5).toList());
			}
			row.put("ciIds", List.copyOf(new java.util.LinkedHashSet<>(resolved.values())));
		}
		else if (creating) {
			row.put("ciIds", List.of());
		}
		for (String text : List.of("rootCause", "workaround")) {
			String v = text.equals("rootCause") ? in.rootCause() : in.workaround();
			if (v != null) {
				if (v.length() > 10_000) {
					throw new AlertException(400, "INVALID_PROBLEM", text + " is at most 10,000 characters");
				}
				row.put(text, v);
			}
		}
		if (in.knownError() != null) {
			row.put("knownError", in.knownError());
		}
		else if (creating) {
			row.put("knownError", false);
		}
		if (Boolean.TRUE.equals(in.knownError()) && in.workaround() == null && creating) {
			throw new AlertException(400, "INVALID_PROBLEM", "a known error needs its workaround");
		}
		return row;
	}

	Map<String, Object> get(String id) {
		try (Session s = driver.session()) {
			var rows = s.executeRead(tx -> tx.run(cypher.get("problem-get"), Map.of("ids", List.of(id))).list());
			return rows.isEmpty() ? null : rows.get(0).get("problem").asMap();
		}
	}

	List<Map<String, Object>> page(String state, int limit) {
		try (Session s = driver.session()) {
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("state", state);
			params.put("limit", limit);
			return s.executeRead(tx -> tx.run(cypher.get("problem-page"), params).list(r -> r.get("problem").asMap()));
		}
	}

	List<Map<String, Object>> knownErrors(List<String> ciIds) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("problem-known-errors"), Map.of("ids", ciIds))
				.list(r -> r.get("problem").asMap()));
		}
	}

	List<IncidentRecord> incidents(String problemId) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("problem-incidents"), Map.of("id", problemId))
				.list(r -> IncidentRecord.from(r.get("incident").asMap())));
		}
	}

}
