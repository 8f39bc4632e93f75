package org.fedcmdb.agents.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code fedcmdb-change}'s command line: the options, targets, times and durations, and what is refused as usage. */
final class ChangeArguments {

	private ChangeArguments() {
	}

	/** Usage or request mistakes found before anything is sent. */
	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

	/** id, Class:key=value[,key=value], k8s:cluster/namespace/workload, service:name. */
	static Object target(String t) {
		if (t.startsWith("service:")) {
			return Map.of("service", t.substring(8));
		}
		if (t.startsWith("k8s:")) {
			String[] p = t.substring(4).split("/");
			if (p.length != 3) {
				throw new UsageException("--target k8s:cluster/namespace/workload, not " + t);
			}
			return Map.of("kubernetes", Map.of("cluster", p[0], "namespace", p[1], "workload", p[2]));
		}
		int colon = t.indexOf(':');
		if (colon > 0 && t.indexOf('=') > colon) {
			Map<String, Object> ids = new LinkedHashMap<>();
			for (String kv : t.substring(colon + 1).split(",")) {
				String[] p = kv.split("=", 2);
				if (p.length != 2 || p[0].isBlank()) {
					throw new UsageException("--target Class:identifier=value, not " + t);
				}
				ids.put(p[0], p[1]);
			}
			return Map.of("class", t.substring(0, colon), "identifiers", ids);
		}
		return t;
	}

	static Instant time(String v, Instant base) {
		if (v.equals("now")) {
			return Instant.now();
		}
		if (v.startsWith("+")) {
			return base.plus(duration(v.substring(1)));
		}
		try {
			return java.time.OffsetDateTime.parse(v).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new UsageException("a time is now, +<duration> or RFC 3339, not " + v);
		}
	}

	static Duration duration(String v) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
		if (!m.matches()) {
			throw new UsageException("a duration is a number with ms, s, m, h or d, not " + v);
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "ms" -> Duration.ofMillis(n);
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

	/** --name value pairs (repeatable) and one positional argument after the command. */
	static final class Options {

		private final Map<String, List<String>> values = new LinkedHashMap<>();

		private String positional;

		static Options parse(String[] args) {
			Options o = new Options();
			for (int i = 1; i < args.length; i++) {
				if (args[i].startsWith("--")) {
					if (i + 1 >= args.length) {
						throw new UsageException(args[i] + " needs a value");
					}
					o.values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
				}
				else if (o.positional == null) {
					o.positional = args[i];
				}
				else {
					throw new UsageException("unexpected argument " + args[i]);
				}
			}
			return o;
		}

		String one(String name, String fallback) {
			List<String> v = values.get(name);
			return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
		}

		List<String> all(String name) {
			return values.getOrDefault(name, List.of());
		}

		String required(String name) {
			String v = one(name, null);
			if (v == null || v.isBlank()) {
				throw new UsageException("--" + name + " is required");
			}
			return v;
		}

		String positional() {
			if (positional == null) {
				throw new UsageException("the change id");
			}
			return positional;
		}

		String token() {
			if (one("token-file", null) != null) {
				try {
					return Files.readString(Path.of(one("token-file", null))).strip();
				}
				catch (IOException ex) {
					throw new UsageException("cannot read --token-file: " + ex.getMessage());
				}
			}
			return one("token", System.getenv("FEDCMDB_TOKEN"));
		}

	}

}
