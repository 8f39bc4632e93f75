package org.fedcmdb.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.fedcmdb.agents.Snapshot;

/**
 * The same hosts seen by four simulated sources, each with its own identifier subset and notation, some records
 * missing, some stale, some values wrong, and traps that tempt a naive matcher into false merges: vendor placeholder
 * serials shared by unrelated machines, and FQDNs reused by a rebuilt machine with another serial. The ground truth
 * of every record is known.
 */
public final class AccuracyEstate {

	/** One record a source sends, and the real host it describes. */
	public record Record(String source, String ref, int truth) {
	}

	public record Result(List<Snapshot> snapshots, List<Record> records, Map<Integer, String> expectedOs) {
	}

	static final String HOST_AGENT = "host-agent-bench";

	static final String NMAP = "nmap-bench";

	static final String TERRAFORM = "terraform-bench";

	static final String MANUAL = "manual-bench";

	private AccuracyEstate() {
	}

	public static Result generate(int hosts, long seed, Instant now) {
		SplittableRandom rnd = new SplittableRandom(seed ^ 0x5eed);
		Instant stale = now.minusSeconds(3 * 86_400); // host-agent's window is 2 days
		Snapshot agent = new Snapshot(HOST_AGENT, "bench", "DELTA", false, now);
		Snapshot agentStale = new Snapshot(HOST_AGENT, "bench-old", "DELTA", false, stale);
		Snapshot nmap = new Snapshot(NMAP, "bench", "DELTA", false, now);
		Snapshot tf = new Snapshot(TERRAFORM, "bench", "DELTA", false, now);
		Snapshot manual = new Snapshot(MANUAL, "bench", "DELTA", false, now);
		List<Record> records = new ArrayList<>();
		Map<Integer, String> expectedOs = new java.util.HashMap<>();
		int trapTruth = hosts;
		for (int h = 0; h < hosts; h++) {
			String serial = rnd.nextInt(100) < 3 ? "To Be Filled By O.E.M." : "SN" + seed + "X" + h;
			String uuid = EstateGenerator.uuid(seed, 9, h);
			String fqdn = "acc" + h + ".bench.example";
			String mac = EstateGenerator.mac(9, h);
			String ip = "10." + ((h >> 16) & 0xff) + "." + ((h >> 8) & 0xff) + "." + (h & 0xff);
			String os = "Debian " + (10 + h % 3);
			boolean agentSees = rnd.nextInt(100) < 90;
			boolean agentIsStale = rnd.nextInt(100) < 10;
			String agentOs = os;
			String tfOs = rnd.nextInt(100) < 5 ? "Ubuntu 22.04" : os;
			String expected = null;
			if (agentSees) {
				Snapshot target = agentIsStale ? agentStale : agent;
				target.item("h" + h, "Server", Snapshot.map("serialNumber", serial, "biosUuid", uuid, "fqdn", fqdn,
						"macAddresses", List.of(mac), "ipAddresses", List.of(ip)), Snapshot.map("os", agentOs, "name", "acc" + h));
				records.add(new Record(HOST_AGENT, "h" + h, h));
				if (!agentIsStale) {
					expected = agentOs;
				}
			}
			boolean nmapSees = rnd.nextInt(100) < 90;
			if (nmapSees) {
				nmap.item("h" + h, "Host", Snapshot.map("macAddresses", List.of(mac.toUpperCase(Locale.ROOT).replace(':', '-')),
						"ipAddresses", List.of(ip), "name", "ACC" + h), Snapshot.map("os", "Linux 5.X"));
				records.add(new Record(NMAP, "h" + h, h));
			}
			boolean tfSees = rnd.nextInt(100) < 85;
			if (tfSees) {
				tf.item("h" + h, "VirtualMachine", Snapshot.map("biosUuid", uuid.toUpperCase(Locale.ROOT).replace("-", ""),
						"ipAddresses", List.of(ip)), Snapshot.map("os", tfOs));
				records.add(new Record(TERRAFORM, "h" + h, h));
				if (expected == null) {
					expected = tfOs;
				}
			}
			if (rnd.nextInt(100) < 80) {
				manual.item("h" + h, "Server", Snapshot.map("fqdn", fqdn.toUpperCase(Locale.ROOT) + ".", "serialNumber",
						serial.toLowerCase(Locale.ROOT) + "  "), Snapshot.map("owner", "team" + (h % 30)));
				records.add(new Record(MANUAL, "h" + h, h));
			}
			if (expected == null && nmapSees) {
				expected = "Linux 5.X"; // the rule's last source, fresh, beats a stale authority
			}
			if (expected == null && agentSees) {
				expected = agentOs; // only a stale value exists: it is kept (and flagged FALLBACK_STALE)
			}
			if (expected != null) {
				expectedOs.put(h, expected);
			}
			// a trap: the spreadsheet still lists the machine this FQDN belonged to before a rebuild (another serial)
			if (rnd.nextInt(100) < 2) {
				int t = trapTruth++;
				manual.item("old" + h, "Server", Snapshot.map("fqdn", fqdn, "serialNumber", "OLD" + seed + "X" + h),
						Snapshot.map("owner", "retired"));
				records.add(new Record(MANUAL, "old" + h, t));
			}
		}
		List<Snapshot> snapshots = List.of(agentStale, agent, tf, nmap, manual);
		return new Result(snapshots, records, expectedOs);
	}

}
