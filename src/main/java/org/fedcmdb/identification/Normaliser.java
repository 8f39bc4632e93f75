package org.fedcmdb.identification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Puts identifier values into one canonical form before they are compared, so that {@code 00-50-56-AA-BB-CC} and
 * {@code 0050.56aa.bbcc} are one MAC, {@code DB1.corp.example.} and {@code db1.corp.example} one FQDN. Values that
 * identify nothing (vendor placeholder serials such as "To Be Filled By O.E.M.", all-zero UUIDs) normalise to
 * {@code null} and are ignored: matching on them is how false merges happen.
 */
public final class Normaliser {

	private static final Pattern HEX12 = Pattern.compile("[0-9a-f]{12}");

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+(%[A-Za-z0-9_.-]+)?");

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");

	private static final Set<String> JUNK_SERIALS = Set.of("", "0", "00000000", "NONE", "NULL", "N/A", "NA", "UNKNOWN",
			"DEFAULT STRING", "TO BE FILLED BY O.E.M.", "TO BE FILLED BY OEM", "SYSTEM SERIAL NUMBER",
			"NOT SPECIFIED", "NOT APPLICABLE", "NOT AVAILABLE", "123456789", "CHASSIS SERIAL NUMBER", "0123456789",
			"INVALID", "NO ASSET TAG", "SERIAL");

	private static final Set<String> JUNK_MACS = Set.of("000000000000", "ffffffffffff");

	private Normaliser() {
	}

	/**
	 * @param kind one of hostname, mac, ip, serial, uuid, lower, text
	 * @return the canonical value, or {@code null} when the value identifies nothing
	 * @throws IllegalArgumentException when the value is malformed for its kind (an invalid MAC or IP)
	 */
	public static String normalise(String kind, String raw) {
		if (raw == null) {
			return null;
		}
		String v = raw.strip();
		if (v.isEmpty()) {
			return null;
		}
		return switch (kind) {
			case "hostname" -> hostname(v);
			case "mac" -> mac(v);
			case "ip" -> ip(v);
			case "serial" -> serial(v);
			case "uuid" -> uuid(v);
			case "lower" -> v.toLowerCase(Locale.ROOT);
			default -> v;
		};
	}

	static String hostname(String v) {
		String h = v.toLowerCase(Locale.ROOT);
		while (h.endsWith(".")) {
			h = h.substring(0, h.length() - 1);
		}
		return h.isEmpty() || h.equals("localhost") || h.equals("localhost.localdomain") ? null : h;
	}

	static String mac(String v) {
		String hex = v.toLowerCase(Locale.ROOT).replaceAll("[:\\-. ]", "");
		if (!HEX12.matcher(hex).matches()) {
			throw new IllegalArgumentException("'" + v + "' is not a MAC address");
		}
		return JUNK_MACS.contains(hex) ? null : hex;
	}

	static String ip(String v) {
		var m4 = IPV4.matcher(v);
		if (m4.matches()) {
			StringBuilder sb = new StringBuilder();
			for (int i = 1; i <= 4; i++) {
				int octet = Integer.parseInt(m4.group(i));
				if (octet > 255) {
					throw new IllegalArgumentException("'" + v + "' is not an IPv4 address");
				}
				sb.append(i > 1 ? "." : "").append(octet);
			}
			String ip = sb.toString();
			return ip.startsWith("127.") || ip.equals("0.0.0.0") ? null : ip;
		}
		if (v.indexOf(':') >= 0 && IPV6_CHARS.matcher(v).matches()) {
			String literal = v.contains("%") ? v.substring(0, v.indexOf('%')) : v;
			try {
				// A literal with ':' is parsed without any DNS look-up.
				InetAddress address = InetAddress.getByName(literal);
				if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()) {
					return null;
				}
				return canonicalIpv6(address.getHostAddress());
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("'" + v + "' is not an IP address");
			}
		}
		throw new IllegalArgumentException("'" + v + "' is not an IP address");
	}

	/** RFC 5952 form: lower case, leading zeros dropped, the longest run of zero groups as '::'. */
	static String canonicalIpv6(String full) {
		if (full.indexOf(':') < 0) {
			return full; // an IPv4-mapped address comes back as IPv4
		}
		String[] groups = full.split(":");
		for (int i = 0; i < groups.length; i++) {
			groups[i] = Integer.toHexString(Integer.parseInt(groups[i], 16));
		}
		int bestStart = -1;
		int bestLen = 0;
		for (int i = 0; i < groups.length;) {
			if (groups[i].equals("0")) {
				int j = i;
				while (j < groups.length && groups[j].equals("0")) {
					j++;
				}
				if (j - i > bestLen && j - i > 1) {
					bestStart = i;
					bestLen = j - i;
				}
				i = j;
			}
			else {
				i++;
			}
		}
		if (bestStart < 0) {
			return String.join(":", groups);
		}
		String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
		String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
		return head + "::" + tail;
	}

	/** True when {@code raw} is a value a vendor puts where a serial number or UUID should be (not a blank). */
	public static boolean isPlaceholder(String kind, String raw) {
		if (raw == null || raw.isBlank()) {
			return false;
		}
		try {
			return switch (kind) {
				case "serial" -> serial(raw.strip()) == null;
				case "uuid" -> uuid(raw.strip()) == null;
				default -> false;
			};
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String serial(String v) {
		String s = v.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
		if (JUNK_SERIALS.contains(s) || s.chars().allMatch(c -> c == '0' || c == ' ' || c == '-')) {
			return null;
		}
		return s;
	}

	private static boolean all(char[] chars, char c) {
		for (char x : chars) {
			if (x != c) {
				return false;
			}
		}
		return true;
	}

	static String uuid(String v) {
		String u = v.toLowerCase(Locale.ROOT);
		if (!UUID.matcher(u).matches()) {
			throw new IllegalArgumentException("'" + v + "' is not a UUID");
		}
		// by hand, not replace/chars()/substring: this runs for every UUID of every item parsed
		char[] hex = new char[32];
		int n = 0;
		for (int i = 0; i < u.length(); i++) {
			if (u.charAt(i) != '-') {
				hex[n++] = u.charAt(i);
			}
		}
		if (all(hex, '0') || all(hex, 'f') || "03000200040005000006000700080009".contentEquals(java.nio.CharBuffer.wrap(hex))) {
			return null;
		}
		StringBuilder out = new StringBuilder(36);
		out.append(hex, 0, 8).append('-').append(hex, 8, 4).append('-').append(hex, 12, 4).append('-').append(hex, 16, 4)
			.append('-').append(hex, 20, 12);
		return out.toString();
	}

}
