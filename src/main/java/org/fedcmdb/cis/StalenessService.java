package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.reconciliation.SourceDefinition;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies time: assertions older than their source's staleness window stop counting (a CI no fresh source asserts
 * becomes STALE, its values fall back to the next source), edges only stale sources assert are removed, and CIs STALE
 * for longer than the retirement period become RETIRED. Run by the scheduler; idempotent.
 */
@Service
public class StalenessService {

	private static final Logger log = LoggerFactory.getLogger(StalenessService.class);

	private static final int PAGE = 2_000;

	/** Candidates read per query: {@code 5 * PAGE}; smaller in tests. */
	private final int candidates;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final Reconciler reconciler;

	private final RulesConfig rules;

	private final WriterLease lock;

	private final EdgeWithdrawals edges;

	private final EventOutbox outbox;

	@org.springframework.beans.factory.annotation.Autowired
	StalenessService(Driver driver, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue,
			Reconciler reconciler, RulesConfig rules, WriterLease lock, EdgeWithdrawals edges, EventOutbox outbox) {
		this(driver, cypher, store, catalogue, reconciler, rules, lock, edges, outbox, PAGE * 5);
	}

	StalenessService(Driver driver, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue,
			Reconciler reconciler, RulesConfig rules, WriterLease lock, EdgeWithdrawals edges, EventOutbox outbox,
			int candidates) {
		this.candidates = candidates;
		this.outbox = outbox;
		this.driver = driver;
		this.cypher = cypher;
		this.store = store;
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.rules = rules;
		this.lock = lock;
		this.edges = edges;
	}

	/** What one run changed. */
	public record Result(int staleAssertions, int cisRecomputed, int retired) {
	}

	public Result run() {
		return run(System.currentTimeMillis());
	}

	/** @param now the time to judge staleness at (a parameter so tests can move the clock) */
	public Result run(long now) {
		return lock.call(() -> doRun(now));
	}

	private Result doRun(long now) {
		Map<String, Object> params = candidateParams(now);
		int staleAssertions = 0;
		int recomputed = 0;
		while (true) {
			List<org.neo4j.driver.Record> rows;
			try (Session s = driver.session()) {
				rows = s.executeRead(tx -> tx.run(cypher.get("stale-candidates"), params).list());
			}
			Set<String> ciIds = new LinkedHashSet<>();
			Map<String, List<String>> staleBySource = new HashMap<>();
			List<Map<String, Object>> confirmed = new ArrayList<>();
			for (var r : rows) {
				String source = r.get("source").asString();
				if (r.get("confirmed").asBoolean()) {
					confirmed.add(Map.of("key", r.get("ciId").asString() + "|" + source, "seen", r.get("seen").asLong(),
							"snapshotId", r.get("snapshotId").asString()));
				}
				else if (reconciler.isStale(source, r.get("seen").asLong(), now)) {
					ciIds.add(r.get("ciId").asString());
					staleBySource.computeIfAbsent(source, k -> new ArrayList<>()).add(r.get("ciId").asString());
					staleAssertions++;
				}
			}
			confirm(confirmed);
			if (ciIds.isEmpty() && confirmed.isEmpty()) {
				break;
			}
			List<String> ids = new ArrayList<>(ciIds);
			Set<String> loaded = new HashSet<>();
			for (int i = 0; i < ids.size(); i += PAGE) {
				loaded.addAll(recompute(ids.subList(i, Math.min(ids.size(), i + PAGE)), now));
			}
			recomputed += loaded.size();
			markOrphans(staleBySource, loaded);
			// the source has not reported these CIs within its window, so none of its edges touching them either
			staleBySource.forEach((source, list) -> edges.withdrawEdges(source, list, null, EdgeKeys.NONE));
			if (rows.size() < candidates) {
				break;
			}
		}
		int retired;
		try (Session s = driver.session()) {
			retired = s.executeWrite(tx -> {
				var r = tx.run(cypher.get("stale-retire"), Map.of("before", now - rules.retireAfter().toMillis(), "now", now,
						"limit", 100_000)).single();
				List<EventDraft> events = new ArrayList<>();
				for (var c : r.get("cis").values()) {
					List<Object> row = c.asList(); // [id, class, name, staleSince]
					events.add(EventDraft.aboutCi(EventTypes.CI_STATUS_CHANGED, (String) row.get(0), (String) row.get(1),
							(String) row.get(2), null, null, CiEvents.data("old", "STALE", "new", "RETIRED", "detail",
									"no source has asserted it since " + java.time.Instant.ofEpochMilli(((Number) row.get(3)).longValue()))));
				}
				outbox.append(tx, events);
				return r.get("retired").asInt();
			});
		}
		if (staleAssertions + retired > 0) {
			log.info("Staleness: {} assertion(s) went stale, {} CI(s) recomputed, {} retired", staleAssertions,
					recomputed, retired);
		}
		return new Result(staleAssertions, recomputed, retired);
	}

	/**
	 * Each registered source's cutoff (its window before {@code now}), in the rules' order, for the query to judge each
	 * candidate by its own source as {@link Reconciler#isStale} does.
	 */
	private Map<String, Object> candidateParams(long now) {
		List<Map<String, Object>> windows = new ArrayList<>();
		long fallback = now - rules.defaultStaleAfter().toMillis();
		long max = fallback;
		for (SourceDefinition d : rules.sources()) {
			boolean prefix = d.name().endsWith("*");
			long cutoff = now - d.staleAfter().toMillis();
			windows.add(Map.of("name", prefix ? d.name().substring(0, d.name().length() - 1) : d.name(), "prefix", prefix,
					"cutoff", cutoff));
			max = Math.max(max, cutoff);
		}
		return Map.of("windows", windows, "fallbackCutoff", fallback, "maxCutoff", max, "limit", candidates);
	}

	/**
	 * Assertions a later ScopeSeen confirms (an unchanged re-send did not write them) take its time as their own once
	 * they are older than the shortest window: they leave the candidates' range until they age past it again.
	 */
	private void confirm(List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return;
		}
		try (Session s = driver.session()) {
			s.executeWrite(tx -> tx.run(cypher.get("stale-confirm"), Map.of("rows", rows)).consume());
		}
	}

	/** Marks stale the stale assertions whose CI was not found, which no recomputation would mark. */
	private void markOrphans(Map<String, List<String>> staleBySource, Set<String> loaded) {
		List<String> keys = new ArrayList<>();
		staleBySource.forEach((source, ids) -> ids.stream().filter(id -> !loaded.contains(id))
			.forEach(id -> keys.add(id + "|" + source)));
		if (keys.isEmpty()) {
			return;
		}
		int marked;
		try (Session s = driver.session()) {
			marked = s.executeWrite(tx -> tx.run(cypher.get("stale-mark-orphans"), Map.of("keys", keys)).single()
				.get("marked").asInt());
		}
		log.warn("Staleness: {} stale assertion(s) name a CI that does not exist; marked stale and left for inspection",
				marked);
	}

	/** Recomputes the CIs of these ids that exist; returns their ids. */
	private Set<String> recompute(List<String> ids, long now) {
		Map<String, CiState> states = store.load(ids);
		CiBatch batch = new CiBatch();
		RowsHelper rows = new RowsHelper(catalogue);
		for (CiState state : states.values()) {
			state.dirty = true;
			List<CiState.Change> changes = state.recompute(catalogue, reconciler, now);
			rows.addRows(batch, state, changes, "staleness", null, now);
		}
		store.write(batch);
		return states.keySet();
	}

}
