package org.fedcmdb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic estate, deterministic from a seed, shaped like a real one: business services → application services →
 * applications (in redundancy pools behind shared load balancers) → database instances and containers → VMs and
 * Kubernetes pods → hypervisors and Kubernetes nodes → storage volumes and network devices. One load balancer is a
 * supernode (every application of a large share of services sits behind it) and a few dependency cycles exist, as
 * they do in real estates. About three edges per CI.
 */
public final class EstateGenerator {

	/** A CI of the estate: a snapshot item. */
	public record Ci(String ref, String className, Map<String, Object> identifiers, Map<String, Object> attributes) {
	}

	/** A dependency edge between refs. */
	public record Edge(String type, String from, String to) {
	}

	public record Estate(List<Ci> cis, List<Edge> edges, String supernodeRef, List<String> hypervisorRefs,
			List<String> databaseRefs, List<String> applicationRefs) {
	}

	private EstateGenerator() {
	}

	/** @param total approximate number of CIs (100k for tier S, 1M for M) */
	public static Estate generate(int total, long seed) {
		SplittableRandom rnd = new SplittableRandom(seed);
		double k = total / 100_000.0;
		int hypervisors = n(500, k), vms = n(20_000, k), nodes = n(500, k), pods = n(27_000, k), workloads = n(3_000, k);
		int apps = n(15_000, k), dbs = n(3_000, k), volumes = n(20_000, k), pools = n(1_500, k), lbs = Math.max(3, n(20, k));
		int appServices = n(1_000, k), businessServices = n(200, k), netDevices = n(5_280, k), containers = n(3_000, k);
		List<Ci> cis = new ArrayList<>();
		List<Edge> edges = new ArrayList<>();
		List<String> hv = add(cis, "hv", hypervisors, i -> ci("hv" + i, "Hypervisor", Map.of("serialNumber", "HV-" + seed + "-" + i),
				attrs("name", "esx" + i, "cpuCores", 64, "supportGroup", "virtualisation")));
		List<String> nd = add(cis, "net", netDevices, i -> ci("net" + i, "NetworkDevice", Map.of("serialNumber", "ND-" + seed + "-" + i),
				attrs("name", "sw" + i)));
		List<String> vol = add(cis, "vol", volumes, i -> ci("vol" + i, "StorageVolume", Map.of("uid", "vol-" + seed + "-" + i),
				attrs("name", "vol" + i, "sizeGb", 100 + rnd.nextInt(900))));
		List<String> vm = add(cis, "vm", vms, i -> ci("vm" + i, "VirtualMachine", Map.of("biosUuid", uuid(seed, 1, i),
				"fqdn", "vm" + i + ".bench.example", "macAddresses", List.of(mac(1, i))),
				attrs("name", "vm" + i, "os", "Debian 12", "memoryMb", 8192)));
		for (int i = 0; i < vms; i++) {
			edges.add(new Edge("HOSTED_ON", vm.get(i), hv.get(rnd.nextInt(hv.size()))));
			edges.add(new Edge("DEPENDS_ON", vm.get(i), vol.get(rnd.nextInt(vol.size()))));
			edges.add(new Edge("DEPENDS_ON", vm.get(i), vol.get(i % vol.size())));
			edges.add(new Edge("DEPENDS_ON", vm.get(i), nd.get(rnd.nextInt(nd.size()))));
			if (i % 4 == 0) {
				// the core switch every fourth VM needs: the supernode
				edges.add(new Edge("DEPENDS_ON", vm.get(i), nd.get(0)));
			}
		}
		List<String> node = add(cis, "node", nodes, i -> ci("node" + i, "KubernetesNode", Map.of("uid", "node-" + seed + "-" + i),
				attrs("name", "node" + i)));
		for (int i = 0; i < nodes; i++) {
			edges.add(new Edge("HOSTED_ON", node.get(i), vm.get(rnd.nextInt(vm.size()))));
		}
		List<String> wl = add(cis, "wl", workloads, i -> ci("wl" + i, "KubernetesWorkload", Map.of("uid", "wl-" + seed + "-" + i),
				attrs("name", "wl" + i, "minHealthy", 1)));
		List<String> pod = add(cis, "pod", pods, i -> ci("pod" + i, "Pod", Map.of("uid", "pod-" + seed + "-" + i),
				attrs("name", "pod" + i)));
		for (int i = 0; i < pods; i++) {
			edges.add(new Edge("RUNS_ON", pod.get(i), node.get(rnd.nextInt(node.size()))));
			edges.add(new Edge("MEMBER_OF", pod.get(i), wl.get(i % wl.size())));
			edges.add(new Edge("DEPENDS_ON", pod.get(i), nd.get(rnd.nextInt(nd.size()))));
			edges.add(new Edge("DEPENDS_ON", pod.get(i), vol.get(rnd.nextInt(vol.size()))));
		}
		List<String> db = add(cis, "db", dbs, i -> ci("db" + i, "DatabaseInstance", Map.of("uid", "db-" + seed + "-" + i),
				attrs("name", "db" + i, "engine", i % 3 == 0 ? "mysql" : "postgresql")));
		for (int i = 0; i < dbs; i++) {
			edges.add(new Edge("HOSTED_ON", db.get(i), vm.get(rnd.nextInt(vm.size()))));
			edges.add(new Edge("DEPENDS_ON", db.get(i), vol.get(rnd.nextInt(vol.size()))));
		}
		List<String> ctr = add(cis, "ctr", containers, i -> ci("ctr" + i, "Container", Map.of("uid", "ctr-" + seed + "-" + i),
				attrs("name", "ctr" + i)));
		for (int i = 0; i < containers; i++) {
			edges.add(new Edge("RUNS_ON", ctr.get(i), vm.get(rnd.nextInt(vm.size()))));
		}
		List<String> pool = add(cis, "pool", pools, i -> ci("pool" + i, "RedundancyGroup", Map.of("uid", "pool-" + seed + "-" + i),
				attrs("name", "pool" + i, "minHealthy", 2)));
		List<String> lb = add(cis, "lb", lbs, i -> ci("lb" + i, "LoadBalancer", Map.of("uid", "lb-" + seed + "-" + i),
				attrs("name", "lb" + i, "supportGroup", "network")));
		List<String> app = add(cis, "app", apps, i -> ci("app" + i, "Application", Map.of("uid", "app-" + seed + "-" + i),
				attrs("name", "app" + i, "version", "1." + (i % 20))));
		for (int i = 0; i < apps; i++) {
			edges.add(new Edge(i % 2 == 0 ? "RUNS_ON" : "DEPENDS_ON", app.get(i), i % 2 == 0 ? vm.get(rnd.nextInt(vm.size()))
					: wl.get(rnd.nextInt(wl.size()))));
			edges.add(new Edge("DEPENDS_ON", app.get(i), db.get(rnd.nextInt(db.size()))));
			edges.add(new Edge("MEMBER_OF", app.get(i), pool.get(i % pool.size())));
			edges.add(new Edge("DEPENDS_ON", app.get(i), app.get(rnd.nextInt(app.size()))));
			edges.add(new Edge("DEPENDS_ON", app.get(i), app.get(rnd.nextInt(app.size()))));
		}
		// half the pools sit behind the supernode load balancer lb0; the rest spread over the others
		for (int i = 0; i < pools; i++) {
			edges.add(new Edge("DEPENDS_ON", lb.get(i % 2 == 0 ? 0 : 1 + rnd.nextInt(lb.size() - 1)), pool.get(i)));
		}
		List<String> as = add(cis, "as", appServices, i -> ci("as" + i, "ApplicationService", Map.of("name", "appsvc-" + seed + "-" + i),
				attrs("criticality", 1 + i % 3)));
		for (int i = 0; i < appServices; i++) {
			edges.add(new Edge("DEPENDS_ON", as.get(i), lb.get(i % 2 == 0 ? 0 : rnd.nextInt(lb.size()))));
			for (int j = 0; j < 3; j++) {
				edges.add(new Edge("DEPENDS_ON", as.get(i), app.get(rnd.nextInt(app.size()))));
			}
		}
		List<String> bs = add(cis, "bs", businessServices, i -> ci("bs" + i, "BusinessService", Map.of("name", "biz-" + seed + "-" + i),
				attrs("criticality", 1 + i % 4, "owner", "team" + (i % 40), "supportGroup", "oncall-" + (i % 40))));
		for (int i = 0; i < businessServices; i++) {
			for (int j = 0; j < 5; j++) {
				edges.add(new Edge("DEPENDS_ON", bs.get(i), as.get(rnd.nextInt(as.size()))));
			}
		}
		// a few cycles between application services, as real estates have
		for (int i = 0; i + 1 < Math.min(as.size(), 20); i += 2) {
			edges.add(new Edge("DEPENDS_ON", as.get(i + 1), as.get(i)));
			edges.add(new Edge("DEPENDS_ON", as.get(i), as.get(i + 1)));
		}
		// drop duplicate edges and self-loops (the random picks may repeat)
		var seen = new java.util.HashSet<String>();
		edges.removeIf(e -> e.from().equals(e.to()) || !seen.add(e.type() + "|" + e.from() + "|" + e.to()));
		return new Estate(cis, edges, nd.get(0), hv, db, app);
	}

	private static int n(int base, double k) {
		return Math.max(1, (int) Math.round(base * k));
	}

	private static List<String> add(List<Ci> cis, String prefix, int count, java.util.function.IntFunction<Ci> make) {
		List<String> refs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Ci c = make.apply(i);
			cis.add(c);
			refs.add(c.ref());
		}
		return refs;
	}

	private static Ci ci(String ref, String cls, Map<String, Object> ids, Map<String, Object> attrs) {
		return new Ci(ref, cls, ids, attrs);
	}

	static Map<String, Object> attrs(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	static String uuid(long seed, int kind, int i) {
		return String.format("%08x-%04x-4000-8000-%012x", (int) seed, kind, i + 1L);
	}

	static String mac(int kind, int i) {
		return String.format("02:%02x:%02x:%02x:%02x:%02x", kind, (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
	}

}
