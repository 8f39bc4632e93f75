package org.fedcmdb.agents;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Runs one agent standalone on any host with a JDK:
 *
 * <pre>
 * java -jar fedcmdb-agents.jar &lt;type&gt; --server http://cmdb:8080 --token-file /etc/fedcmdb/token \
 *      --source nmap-dc1 [--interval 15m] [--set key=value ...] [--dry-run]
 * </pre>
 *
 * Exit code 0 when every run posted and was applied, 1 when a run failed, 2 for a usage error.
 */
public final class AgentMain {

	private AgentMain() {
	}

	public static void main(String[] args) {
		quietLibraries();
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * OSHI and fabric8 log through SLF4J, bound to slf4j-simple in the agents' lib: only their warnings and errors
	 * reach the operator, on stderr, so a run prints what the agent says. An operator's -D settings win.
	 */
	static void quietLibraries() {
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
				System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
		System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("--help")) {
			err.println("usage: <" + String.join("|", Agents.types()) + "> --server URL [--token T | --token-file F] "
					+ "[--source NAME] [--interval 15m] [--set key=value]... [--dry-run]");
			return 2;
		}
		Agent agent = Agents.byType(args[0]);
		if (agent == null) {
			err.println("unknown agent '" + args[0] + "'; one of " + Agents.types());
			return 2;
		}
		Map<String, String> settings = new LinkedHashMap<>();
		String server = null;
		String token = System.getenv("FEDCMDB_TOKEN");
		String source = agent.defaultSource();
		Duration interval = null;
		boolean dryRun = false;
		try {
			for (int i = 1; i < args.length; i++) {
				switch (args[i]) {
					case "--server" -> server = args[++i];
					case "--token" -> token = args[++i];
					case "--token-file" -> token = java.nio.file.Files.readString(java.nio.file.Path.of(args[++i])).strip();
					case "--source" -> source = args[++i];
					case "--interval" -> interval = parseDuration(args[++i]);
					case "--dry-run" -> dryRun = true;
					case "--set" -> {
						String kv = args[++i];
						int eq = kv.indexOf('=');
						if (eq <= 0) {
							throw new IllegalArgumentException("--set needs key=value, not '" + kv + "'");
						}
						settings.put(kv.substring(0, eq), kv.substring(eq + 1));
					}
					default -> throw new IllegalArgumentException("unknown option " + args[i]);
				}
			}
			if (server == null && !dryRun) {
				throw new IllegalArgumentException("--server is required (or --dry-run to print the snapshot)");
			}
		}
		catch (ArrayIndexOutOfBoundsException ex) {
			err.println("option " + args[args.length - 1] + " needs a value");
			return 2;
		}
		catch (IllegalArgumentException | java.io.IOException ex) {
			err.println(ex.getMessage());
			return 2;
		}
		AgentSettings agentSettings = new AgentSettings(source, settings);
		while (true) {
			int rc = once(agent, agentSettings, server, token, dryRun, out, err);
			if (interval == null) {
				return rc;
			}
			try {
				Thread.sleep(interval.toMillis());
			}
			catch (InterruptedException ex) {
				return rc;
			}
		}
	}

	private static int once(Agent agent, AgentSettings settings, String server, String token, boolean dryRun,
			PrintStream out, PrintStream err) {
		Instant start = Instant.now();
		try {
			Snapshot snapshot = agent.collect(settings);
			out.println(agent.type() + ": collected " + snapshot.items().size() + " items and "
					+ snapshot.relationships().size() + " relationships in "
					+ Duration.between(start, Instant.now()).toMillis() + " ms");
			snapshot.warnings().forEach(w -> out.println(agent.type() + ": warning: " + w));
			if (dryRun) {
				out.println(tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
					.writeValueAsString(snapshot.toMap()));
				return 0;
			}
			SnapshotPoster poster = new SnapshotPoster(URI.create(server), token, out::println);
			String id = poster.post(snapshot);
			JsonNode status = poster.await(id, Duration.ofMinutes(30));
			out.println(agent.type() + ": snapshot " + id + " " + status.get("status").asString() + " " + status.get("counts"));
			return status.get("status").asString().equals("COMPLETED") ? 0 : 1;
		}
		catch (AgentException ex) {
			err.println(agent.type() + ": failed: " + ex.getMessage());
			return 1;
		}
	}

	static Duration parseDuration(String s) {
		var m = java.util.regex.Pattern.compile("(\\d+)(s|m|h|d)").matcher(s.trim());
		if (!m.matches()) {
			throw new IllegalArgumentException("interval must look like 90s, 15m, 6h or 1d");
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

}
