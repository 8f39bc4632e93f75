package org.fedcmdb.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Agents;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.ingest.SnapshotService;
import org.fedcmdb.ingest.SnapshotStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs a configured agent in-process: collect (bounded by the agent's timeout), post through the same snapshot
 * pipeline as remote agents, wait until applied, and record the run (start, end, status, counts, error). A run whose
 * source fails records the reason and posts nothing, so nothing is withdrawn; the next run goes on.
 */
@Service
public class AgentRunService {

	private static final Logger log = LoggerFactory.getLogger(AgentRunService.class);

	private final AgentsProperties properties;

	private final SnapshotService snapshots;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ExecutorService collectors = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "fedcmdb-agent");
		t.setDaemon(true);
		return t;
	});

	private final MeterRegistry metrics;

	AgentRunService(AgentsProperties properties, SnapshotService snapshots, Driver driver, CypherCatalog cypher,
			MeterRegistry metrics) {
		this.metrics = metrics;
		this.properties = properties;
		this.snapshots = snapshots;
		this.driver = driver;
		this.cypher = cypher;
		for (AgentsProperties.AgentDefinition d : properties.agents()) {
			if (d.name() == null || Agents.byType(d.type()) == null) {
				throw new IllegalStateException("fedcmdb.scheduling.agents: '" + d.name() + "' has unknown type '"
						+ d.type() + "'; one of " + Agents.types());
			}
		}
	}

	public List<AgentsProperties.AgentDefinition> definitions() {
		return properties.agents();
	}

	AgentsProperties.AgentDefinition definition(String name) {
		return properties.agents().stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
	}

	/** Runs the agent now (the caller's thread waits); returns the recorded run. */
	public AgentRun run(String name) {
		return run(name, null);
	}

	/** The source an agent's snapshots are posted as: its own, or else its type's default. */
	static String source(AgentsProperties.AgentDefinition d) {
		return d.source() != null ? d.source() : Agents.byType(d.type()).defaultSource();
	}

	/** Runs the agent for the schedule's fire at {@code scheduledAt} (null: on demand). */
	AgentRun run(String name, Long scheduledAt) {
		AgentsProperties.AgentDefinition d = definition(name);
		if (d == null) {
			throw new IllegalArgumentException("no agent named " + name);
		}
		AgentRun run = AgentRun.start(name, d.type(), scheduledAt);
		save(run);
		run = collectAndPost(d, run).ended();
		save(run);
		Timer.builder("fedcmdb.agent.runs").description("Agent runs by agent and outcome, with their duration")
			.tags("agent", name, "type", d.type(), "outcome", run.status()).register(metrics)
			.record(Duration.between(run.startedAt(), run.endedAt()));
		log.info("Agent {} run {}: {} {}", name, run.id(), run.status(),
				run.error() != null ? run.error() : run.counts() != null ? run.counts() : "");
		return run;
	}

	/** Collects (bounded by the agent's timeout), posts and waits until applied; what failed is the run's error. */
	private AgentRun collectAndPost(AgentsProperties.AgentDefinition d, AgentRun run) {
		Agent agent = Agents.byType(d.type());
		String source = source(d);
		try {
			Future<Snapshot> f = collectors.submit(() -> agent.collect(new AgentSettings(source, d.settings())));
			Snapshot snapshot = f.get(d.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			run = run.collected(snapshot.items().size(), snapshot.relationships().size());
			snapshot.warnings().forEach(w -> log.warn("Agent {}: {}", d.name(), w));
			run = run.posted(post(snapshot));
			SnapshotStatus status = snapshots.await(run.snapshotId(), d.timeout());
			return run.applied(status.status(), status.counts());
		}
		catch (TimeoutException ex) {
			return run.failed("timed out after " + d.timeout().toSeconds() + " s; nothing posted");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			return run.failed(cause instanceof AgentException ? cause.getMessage() : String.valueOf(cause));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return run.failed("interrupted");
		}
		catch (RuntimeException ex) {
			return run.failed(ex.getMessage() == null ? ex.toString() : ex.getMessage());
		}
	}

	private String post(Snapshot snapshot) {
		byte[] whole = Json.MAPPER.writeValueAsBytes(snapshot.toMap());
		if (snapshot.items().size() <= 10_000 && snapshot.relationships().size() <= 50_000) {
			return snapshots.submit(whole).snapshotId();
		}
		Map<String, Object> open = new LinkedHashMap<>(snapshot.envelope());
		open.put("chunked", true);
		String id = snapshots.submit(Json.MAPPER.writeValueAsBytes(open)).snapshotId();
		for (Map<String, Object> chunk : snapshot.chunks(10_000)) {
			snapshots.addChunk(id, Json.MAPPER.writeValueAsBytes(chunk));
		}
		snapshots.complete(id, null);
		return id;
	}

	private void save(AgentRun run) {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("agent-run-save"), Map.of("props", run.properties()))
				.consume());
		}
	}

	/** The newest {@code first} runs of an agent, newest first. */
	public List<AgentRun> runs(String agent, int first) {
		try (Session s = driver.session()) {
			return new ArrayList<>(s.executeRead(tx -> tx.run(cypher.get("agent-runs"), Map.of("agent", agent, "first", first))
				.list(r -> AgentRun.of(r.get("run")))));
		}
	}

	Duration staleInterval() {
		return properties.staleCheckInterval();
	}

}
