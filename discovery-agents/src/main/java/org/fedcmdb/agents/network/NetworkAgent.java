package org.fedcmdb.agents.network;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;

/**
 * Hosts and their open services from nmap: runs {@code nmap -oX -} on the configured {@code targets} when nmap is
 * installed, or reads an nmap XML {@code file}. Each host is a Host CI identified by MAC, IP and reverse-DNS name;
 * each open service an Application that RUNS_ON it. FULL and scoped to the targets: a host that stopped answering is
 * withdrawn for this scanner only.
 */
public final class NetworkAgent implements Agent {

	@Override
	public String type() {
		return "network";
	}

	/** nmap data: the rules file ranks it as {@code nmap*}. */
	@Override
	public String defaultSource() {
		return "nmap";
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		String file = settings.get("file", null);
		String targets = settings.get("targets", null);
		Instant at = Instant.now();
		List<NmapParser.NmapHost> hosts;
		if (file != null) {
			try (InputStream in = Files.newInputStream(Path.of(file))) {
				hosts = NmapParser.parse(in);
			}
			catch (IOException ex) {
				throw new AgentException("cannot read " + file + ": " + ex.getMessage(), ex);
			}
			targets = targets == null ? "file:" + Path.of(file).getFileName() : targets;
		}
		else if (targets != null) {
			hosts = NmapParser.parse(new ByteArrayInputStream(scan(targets, settings.get("nmapArgs", "-sT -sV -T4 --top-ports 200"),
					settings.getInt("timeoutSeconds", 600))));
		}
		else {
			throw new AgentException("set 'targets' (to scan with nmap) or 'file' (an nmap -oX file)");
		}
		return map(hosts, settings.source(), targets, at);
	}

	static byte[] scan(String targets, String args, int timeoutSeconds) throws AgentException {
		List<String> cmd = new ArrayList<>(List.of("nmap", "-oX", "-"));
		for (String a : args.trim().split("\\s+")) {
			if (!a.isEmpty()) {
				cmd.add(a);
			}
		}
		for (String t : targets.trim().split("[\\s,]+")) {
			if (!t.matches("[A-Za-z0-9.:/\\-]+")) {
				throw new AgentException("invalid target '" + t + "'");
			}
			cmd.add(t);
		}
		try {
			Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AgentException("nmap did not finish in " + timeoutSeconds + " s");
			}
			if (p.exitValue() != 0) {
				throw new AgentException("nmap exited with " + p.exitValue());
			}
			return out;
		}
		catch (IOException ex) {
			throw new AgentException("cannot run nmap (is it installed?): " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AgentException("interrupted");
		}
	}

	/** Loopback and unspecified addresses: the server's identification ignores them, so alone they identify nothing. */
	static boolean isLoopback(String ip) {
		String v = ip.toLowerCase(Locale.ROOT);
		return v.startsWith("127.") || v.equals("0.0.0.0") || v.equals("::1") || v.equals("::")
				|| v.equals("0:0:0:0:0:0:0:1");
	}

	public static Snapshot map(List<NmapParser.NmapHost> hosts, String source, String scope, Instant at) {
		Snapshot s = Snapshot.full(source, scope, at);
		int h = 0;
		for (NmapParser.NmapHost host : hosts) {
			List<String> ips = new ArrayList<>(host.ipv4());
			ips.addAll(host.ipv6());
			String fqdn = host.hostnames().stream().filter(n -> n.contains(".")).findFirst().orElse(null);
			if (host.mac() == null && fqdn == null && ips.stream().allMatch(NetworkAgent::isLoopback)) {
				s.warn("skipped " + (ips.isEmpty() ? "a host" : String.join(", ", ips)) + ": a loopback address "
						+ "identifies no machine (every machine has one), and nmap reported no MAC or DNS name; scan the "
						+ "machine's own address, or run the host agent on it");
				continue;
			}
			String ref = "host" + h++;
			String name = host.hostnames().isEmpty() ? null : host.hostnames().get(0).split("\\.")[0].toLowerCase(Locale.ROOT);
			s.item(ref, "Host", Snapshot.map("macAddresses", host.mac() == null ? null : List.of(host.mac()),
					"ipAddresses", ips, "fqdn", fqdn, "name", name),
					Snapshot.map("name", fqdn != null ? fqdn : name != null ? name : ips.isEmpty() ? null : ips.get(0),
							"os", host.os(), "osAccuracy", host.osAccuracy(), "macVendor", host.macVendor(),
							"openPorts", host.services().size()));
			for (NmapParser.Service svc : host.services()) {
				String svcRef = ref + ":" + svc.protocol() + "/" + svc.port();
				String svcName = (svc.name() == null ? svc.protocol() : svc.name()) + ":" + svc.port();
				s.item(svcRef, "Application", Map.of("name", svcName), Snapshot.map("port", svc.port(), "protocol",
						svc.protocol(), "product", svc.product(), "version", svc.version(), "service", svc.name()));
				s.rel("RUNS_ON", svcRef, ref);
			}
		}
		return s;
	}

}
