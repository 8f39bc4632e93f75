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

		public Refs refs() {
			return new Refs(cis.size(), edges.size(), supernodeRef, hypervisorRefs, databaseRefs, applicationRefs);
		}

	}

	private EstateGenerator() {
	}

	/**
	 * Where a streamed estate goes: each CI, then the edges that start from it (no duplicate, no self-loop), except
	 * the load balancers' edges to their pools and the application services' cycles, which come after later CIs.
	 */
	public interface Sink {

		default void ci(Ci ci) {
		}

		default void edge(Edge edge) {
		}

	}

	/** What a streamed estate leaves for the phases after the ingest: its size and the refs they pick from. */
	public record Refs(int cis, int edges, String supernodeRef, List<String> hypervisorRefs, List<String> databaseRefs,
			List<String> applicationRefs) {
	}

	/** @param total approximate number of CIs (100k for tier S, 1M for M) */
	public static Estate generate(int total, long seed) {
		List<Ci> cis = new ArrayList<>();
		List<Edge> edges = new ArrayList<>();
		Refs refs = stream(total, seed, new Sink() {
			public void ci(Ci ci) {
				cis.add(ci);
			}

			public void edge(Edge edge) {
				edges.add(edge);
			}
		});
		return new Estate(cis, edges, refs.supernodeRef(), refs.hypervisorRefs(), refs.databaseRefs(),
				refs.applicationRefs());
	}

	/**
	 * The estate {@link #generate} holds, given to {@code sink} as it is made, holding nothing itself (a ref list is
	 * its prefix and a count), so that an estate of any tier fits the benchmark's heap.
	 */
	public static Refs stream(int total, long seed, Sink out) {
		Emitter sink = new Emitter(out);
		SplittableRandom rnd = new SplittableRandom(seed);
		double k = total / 100_000.0;
		int hypervisors = n(500, k), vms = n(20_000, k), nodes = n(500, k), pods = n(27_000, k), workloads = n(3_000, k);
		int apps = n(15_000, k), dbs = n(3_000, k), volumes = n(20_000, k), pools = n(1_500, k), lbs = Math.max(3, n(20, k));
		int appServices = n(1_000, k), businessServices = n(200, k), netDevices = n(5_280, k), containers = n(3_000, k);
		List<String> hv = add(sink, "hv", hypervisors, i -> ci("hv" + i, "Hypervisor", Map.of("serialNumber", "HV-" + seed + "-" + i),
				attrs("name", "esx" + i, "cpuCores", 64, "supportGroup", "virtualisation")));
		List<String> nd = add(sink, "net", netDevices, i -> ci("net" + i, "NetworkDevice", Map.of("serialNumber", "ND-" + seed + "-" + i),
				attrs("name", "sw" + i)));
		List<String> vol = add(sink, "vol", volumes, i -> ci("vol" + i, "StorageVolume", Map.of("uid", "vol-" + seed + "-" + i),
				attrs("name", "vol" + i, "sizeGb", 100 + rnd.nextInt(900))));
		List<String> vm = refs("vm", vms);
		add(sink, vm, i -> ci("vm" + i, "VirtualMachine", Map.of("biosUuid", uuid(seed, 1, i),
				"fqdn", "vm" + i + ".bench.example", "macAddresses", List.of(mac(1, i))),
				attrs("name", "vm" + i, "os", "Debian 12", "memoryMb", 8192)), i -> {
			sink.edge(new Edge("HOSTED_ON", vm.get(i), hv.get(rnd.nextInt(hv.size()))));
			sink.edge(new Edge("DEPENDS_ON", vm.get(i), vol.get(rnd.nextInt(vol.size()))));
			sink.edge(new Edge("DEPENDS_ON", vm.get(i), vol.get(i % vol.size())));
			sink.edge(new Edge("DEPENDS_ON", vm.get(i), nd.get(rnd.nextInt(nd.size()))));
			if (i % 4 == 0) {
				// the core switch every fourth VM needs: the supernode
				sink.edge(new Edge("DEPENDS_ON", vm.get(i), nd.get(0)));
			}
		});
		List<String> node = refs("node", nodes);
		add(sink, node, i -> ci("node" + i, "KubernetesNode", Map.of("uid", "node-" + seed + "-" + i),
				attrs("name", "node" + i)), i -> {
			sink.edge(new Edge("HOSTED_ON", node.get(i), vm.get(rnd.nextInt(vm.size()))));
		});
		List<String> wl = add(sink, "wl", workloads, i -> ci("wl" + i, "KubernetesWorkload", Map.of("uid", "wl-" + seed + "-" + i),
				attrs("name", "wl" + i, "minHealthy", 1)));
		List<String> pod = refs("pod", pods);
		add(sink, pod, i -> ci("pod" + i, "Pod", Map.of("uid", "pod-" + seed + "-" + i),
				attrs("name", "pod" + i)), i -> {
			sink.edge(new Edge("RUNS_ON", pod.get(i), node.get(rnd.nextInt(node.size()))));
			sink.edge(new Edge("MEMBER_OF", pod.get(i), wl.get(i % wl.size())));
			sink.edge(new Edge("DEPENDS_ON", pod.get(i), nd.get(rnd.nextInt(nd.size()))));
			sink.edge(new Edge("DEPENDS_ON", pod.get(i), vol.get(rnd.nextInt(vol.size()))));
		});
		List<String> db = refs("db", dbs);
		add(sink, db, i -> ci("db" + i, "DatabaseInstance", Map.of("uid", "db-" + seed + "-" + i),
				attrs("name", "db" + i, "engine", i % 3 == 0 ? "mysql" : "postgresql")), i -> {
			sink.edge(new Edge("HOSTED_ON", db.get(i), vm.get(rnd.nextInt(vm.size()))));
			sink.edge(new Edge("DEPENDS_ON", db.get(i), vol.get(rnd.nextInt(vol.size()))));
		});
		List<String> ctr = refs("ctr", containers);
		add(sink, ctr, i -> ci("ctr" + i, "Container", Map.of("uid", "ctr-" + seed + "-" + i),
				attrs("name", "ctr" + i)), i -> {
			sink.edge(new Edge("RUNS_ON", ctr.get(i), vm.get(rnd.nextInt(vm.size()))));
		});
		List<String> pool = add(sink, "pool", pools, i -> ci("pool" + i, "RedundancyGroup", Map.of("uid", "pool-" + seed + "-" + i),
				attrs("name", "pool" + i, "minHealthy", 2)));
		List<String> lb = add(sink, "lb", lbs, i -> ci("lb" + i, "LoadBalancer", Map.of("uid", "lb-" + seed + "-" + i),
				attrs("name", "lb" + i, "supportGroup", "network")));
		List<String> app = refs("app", apps);
		add(sink, app, i -> ci("app" + i, "Application", Map.of("uid", "app-" + seed + "-" + i),
				attrs("name", "app" + i, "version", "1." + (i % 20))), i -> {
			sink.edge(new Edge(i % 2 == 0 ? "RUNS_ON" : "DEPENDS_ON", app.get(i), i % 2 == 0 ? vm.get(rnd.nextInt(vm.size()))
					: wl.get(rnd.nextInt(wl.size()))));
			sink.edge(new Edge("DEPENDS_ON", app.get(i), db.get(rnd.nextInt(db.size()))));
			sink.edge(new Edge("MEMBER_OF", app.get(i), pool.get(i % pool.size())));
			sink.edge(new Edge("DEPENDS_ON", app.get(i), app.get(rnd.nextInt(app.size()))));
			sink.edge(new Edge("DEPENDS_ON", app.get(i), app.get(rnd.nextInt(app.size()))));
		});
		// half the pools sit behind the supernode load balancer lb0; the rest spread over the others
		for (int i = 0; i < pools; i++) {
			sink.edge(new Edge("DEPENDS_ON", lb.get(i % 2 == 0 ? 0 : 1 + rnd.nextInt(lb.size() - 1)), pool.get(i)));
		}
		List<String> as = refs("as", appServices);
		add(sink, as, i -> ci("as" + i, "ApplicationService", Map.of("name", "appsvc-" + seed + "-" + i),
				attrs("criticality", 1 + i % 3)), i -> {
			sink.edge(new Edge("DEPENDS_ON", as.get(i), lb.get(i % 2 == 0 ? 0 : rnd.nextInt(lb.size()))));
			for (int j = 0; j < 3; j++) {
				sink.edge(new Edge("DEPENDS_ON", as.get(i), app.get(rnd.nextInt(app.size()))));
			}
		});
		List<String> bs = refs("bs", businessServices);
		add(sink, bs, i -> ci("bs" + i, "BusinessService", Map.of("name", "biz-" + seed + "-" + i),
				attrs("criticality", 1 + i % 4, "owner", "team" + (i % 40), "supportGroup", "oncall-" + (i % 40))), i -> {
			for (int j = 0; j < 5; j++) {
				sink.edge(new Edge("DEPENDS_ON", bs.get(i), as.get(rnd.nextInt(as.size()))));
			}
		});
		// a few cycles between application services, as real estates have
		for (int i = 0; i + 1 < Math.min(as.size(), 20); i += 2) {
			sink.edge(new Edge("DEPENDS_ON", as.get(i + 1), as.get(i)));
			sink.edge(new Edge("DEPENDS_ON", as.get(i), as.get(i + 1)));
		}
		return new Refs(sink.cis, sink.edges, nd.get(0), hv, db, app);
	}

	/**
	 * Drops duplicate edges and self-loops (the random picks may repeat) as they are made. An edge repeats only among
	 * the edges one CI is given in one step of a loop, which come one after another: the set holds those of the current
	 * dependent only.
	 */
	private static final class Emitter {

		private final Sink out;

		private final java.util.Set<String> ofCurrent = new java.util.HashSet<>();

		private String current;

		int cis;

		int edges;

		Emitter(Sink out) {
			this.out = out;
		}

		void ci(Ci c) {
			cis++;
			out.ci(c);
		}

		void edge(Edge e) {
			if (!e.from().equals(current)) {
				current = e.from();
				ofCurrent.clear();
			}
			if (e.from().equals(e.to()) || !ofCurrent.add(e.type() + "|" + e.to())) {
				return;
			}
			edges++;
			out.edge(e);
		}


	}

	private static int n(int base, double k) {
		return Math.max(1, (int) Math.round(base * k));
	}

	/** Gives {@code count} CIs to the sink; their refs, {@code prefix} and the index, as a list that holds nothing. */
	private static List<String> add(Emitter sink, String prefix, int count, java.util.function.IntFunction<Ci> make) {
		List<String> refs = refs(prefix, count);
		add(sink, refs, make, i -> {
		});
		return refs;
	}

	/**
	 * Gives each CI of {@code refs} to the sink followed by the edges {@code edgesOf} gives from it: the same CIs and
	 * edges in the same order (and the same random sequence: no CI given this way draws a random number) as all the
	 * CIs first and then their edges, but a CI's edges come with it, so that its chunk can be sent once full.
	 */
	private static void add(Emitter sink, List<String> refs, java.util.function.IntFunction<Ci> make,
			java.util.function.IntConsumer edgesOf) {
		for (int i = 0; i < refs.size(); i++) {
			Ci c = make.apply(i);
			if (!c.ref().equals(refs.get(i))) {
				throw new IllegalStateException("ref " + c.ref() + " is not " + refs.get(i));
			}
			sink.ci(c);
			edgesOf.accept(i);
		}
	}

	/** The refs of a category: its prefix and the index, as a list that holds nothing. */
	private static List<String> refs(String prefix, int count) {
		return new java.util.AbstractList<>() {
			@Override
			public String get(int i) {
				java.util.Objects.checkIndex(i, count);
				return prefix + i;
			}

			@Override
			public int size() {
				return count;
			}
		};
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
