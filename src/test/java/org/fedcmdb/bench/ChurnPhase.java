package org.fedcmdb.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;
import org.fedcmdb.cis.StalenessService;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import tools.jackson.databind.JsonNode;

/**
 * Churn, as every estate has it: Kubernetes nodes that disappear for one snapshot (drained) and come back, others
 * that stay away past the retirement age and come back; hosts that carry a first-hop redundancy (VRRP) MAC besides
 * their own. Counts duplicates (CIs beyond the real machines), identity breaks (a machine whose CI id changed) and
 * records refused or misidentified because of a shared MAC. Runs last: it moves the staleness clock 31 days ahead.
 */
final class ChurnPhase {

	static final String K8S = "kubernetes-churn-bench";

	static final String NMAP = "nmap-churn-bench";

	static final String MANUAL = "manual-churn-bench";

	private final int port;

	private final Driver driver;

	private final StalenessService staleness;

	private final SnapshotPoster poster;

	private final long seed;

	ChurnPhase(int port, Driver driver, StalenessService staleness, long seed) {
		this.seed = seed;
		this.port = port;
		this.driver = driver;
		this.staleness = staleness;
		this.poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), null, line -> {
		});
	}

	Map<String, Object> run(int nodes, int hosts) throws Exception {
		SplittableRandom rnd = new SplittableRandom(seed ^ 0xc4a2);
		Set<Integer> brief = new java.util.HashSet<>();
		Set<Integer> retired = new java.util.HashSet<>();
		for (int i = 0; i < nodes; i++) {
			int r = rnd.nextInt(100);
			if (r < 5) {
				brief.add(i);
			}
			else if (r < 10) {
				retired.add(i);
			}
		}
		Instant t0 = Instant.now().minusSeconds(3 * 3600);
		Map<String, String> first = post(nodes(nodes, t0, i -> true));
		Set<String> given = new java.util.HashSet<>(first.values());
		given.addAll(post(nodes(nodes, t0.plusSeconds(3600), i -> !brief.contains(i) && !retired.contains(i))).values());
		given.addAll(post(nodes(nodes, t0.plusSeconds(7200), i -> !retired.contains(i))).values());
		staleness.run(System.currentTimeMillis() + Duration.ofDays(31).toMillis());
		long retiredCount = count("MATCH (c:KubernetesNode {status: 'RETIRED'}) WHERE c.identifiers CONTAINS 'churn-" + seed
				+ "' RETURN count(c)");
		JsonNode[] lastStatus = new JsonNode[1];
		Map<String, String> last = post(nodes(nodes, Instant.now(), i -> true), lastStatus);
		given.addAll(last.values());
		int identityBreaks = 0;
		for (var e : first.entrySet()) {
			if (!e.getValue().equals(last.get(e.getKey()))) {
				identityBreaks++;
			}
		}
		long cis = count("MATCH (c:KubernetesNode) WHERE c.identifiers CONTAINS 'churn-" + seed + "' RETURN count(c)");
		long active = count("MATCH (c:KubernetesNode {status: 'ACTIVE'}) WHERE c.identifiers CONTAINS 'churn-" + seed
				+ "' RETURN count(c)");
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("nodes", nodes);
		m.put("awayOneSnapshot", brief.size());
		m.put("awayPastRetirement", retired.size());
		m.put("retiredBeforeReturn", retiredCount);
		m.put("activeAfterReturn", active);
		// every CI the source's records were ever given, beyond one per machine (a stripped ghost counts)
		m.put("duplicates", given.size() - nodes);
		m.put("cisWithTheClusterIdentifier", cis);
		m.put("identityBreaks", identityBreaks);
		m.put("insertsOnReturn", lastStatus[0].path("counts").path("INSERT").asInt(0));
		m.putAll(sharedMacs(hosts));
		return m;
	}

	/** Pairs of routers sharing a VRRP MAC (and hosts behind HSRP): each record must find its own machine. */
	private Map<String, Object> sharedMacs(int hosts) throws Exception {
		Snapshot scan = new Snapshot(NMAP, "churn", "DELTA", false, Instant.now());
		Snapshot manual = new Snapshot(MANUAL, "churn", "DELTA", false, Instant.now());
		for (int h = 0; h < hosts; h++) {
			String own = EstateGenerator.mac(11, h);
			// two routers share each virtual MAC (VRRP for even hosts, HSRP for odd ones)
			String shared = h % 2 == 0 ? String.format("00:00:5e:00:01:%02x", (h / 4) % 256)
					: String.format("00:00:0c:07:ac:%02x", (h / 4) % 256);
			scan.item("r" + h, "Server", Snapshot.map("macAddresses", List.of(own, shared), "fqdn",
					"rtr" + h + "-" + seed + ".churn.example"), Snapshot.map("role", "router"));
			manual.item("r" + h, "Server", Snapshot.map("macAddresses", List.of(own.toUpperCase(), shared.replace(':', '-'))),
					Snapshot.map("owner", "netops"));
		}
		Map<String, String> byScan = post(scan);
		JsonNode[] status = new JsonNode[1];
		Map<String, String> byManual = post(manual, status);
		int wrong = 0;
		for (var e : byScan.entrySet()) {
			if (!e.getValue().equals(byManual.get(e.getKey()))) {
				wrong++;
			}
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("sharedMacHosts", hosts);
		m.put("sharedMacMisidentified", wrong);
		m.put("sharedMacRefused", status[0].path("counts").path("REJECTED").asInt(0));
		m.put("sharedMacDistinctCis", new java.util.HashSet<>(byScan.values()).size());
		return m;
	}

	private Snapshot nodes(int nodes, Instant at, IntPredicate present) {
		Snapshot s = Snapshot.full(K8S, "cluster:churn", at);
		for (int i = 0; i < nodes; i++) {
			if (present.test(i)) {
				s.item("n" + i, "KubernetesNode", Snapshot.map("cluster", "churn-" + seed, "name", "node-" + i),
						Snapshot.map("kubeletVersion", "v1.31." + (i % 7)));
			}
		}
		return s;
	}

	private Map<String, String> post(Snapshot s) throws Exception {
		return post(s, new JsonNode[1]);
	}

	/** Posts, waits, and returns the CI id of every item ref. */
	private Map<String, String> post(Snapshot s, JsonNode[] status) throws Exception {
		String id = poster.post(s);
		status[0] = poster.await(id, Duration.ofMinutes(30));
		return Bench.itemCiIds(port, id);
	}

	private long count(String cypher) {
		try (Session s = driver.session()) {
			return s.run(cypher).single().get(0).asLong();
		}
	}

}
