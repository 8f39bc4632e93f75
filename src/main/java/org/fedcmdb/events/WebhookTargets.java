package org.fedcmdb.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may go: http(s) URLs whose host resolves only to public addresses, unless the host or address is
 * listed in {@code fedcmdb.events.allowed-targets} (host names, addresses or CIDR blocks). Loopback, link-local (the
 * cloud metadata service at 169.254.169.254 among them), private, unique-local, multicast and unspecified addresses
 * are refused, so a subscription cannot make the server call into its own network (server-side request forgery).
 * Checked when a subscription is saved and again before every delivery (the name may resolve elsewhere by then).
 */
final class WebhookTargets {

	static final int MAX_URL = 2_048;

	private final List<String> allowed;

	WebhookTargets(List<String> allowed) {
		this.allowed = allowed.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).toList();
	}

	/** @throws EventException INVALID_URL or URL_NOT_ALLOWED */
	URI check(String url) {
		if (url == null || url.isBlank() || url.length() > MAX_URL) {
			throw new EventException(400, "INVALID_URL", "url must be an http or https URL of at most " + MAX_URL + " characters");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new EventException(400, "INVALID_URL", "url is not a valid URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new EventException(400, "INVALID_URL", "url must use http or https, not '" + scheme + "'");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new EventException(400, "INVALID_URL", "url has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new EventException(400, "INVALID_URL", "url must not carry credentials (the signature authenticates)");
		}
		if (uri.getRawFragment() != null) {
			throw new EventException(400, "INVALID_URL", "url must not have a fragment");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			throw new EventException(400, "URL_NOT_ALLOWED", "host " + host + " does not resolve");
		}
		if (allowed.contains(host)) {
			return uri;
		}
		for (InetAddress a : addresses) {
			if (!isPublic(a) && !isAllowed(a)) {
				throw new EventException(400, "URL_NOT_ALLOWED", "host " + host + " resolves to " + a.getHostAddress()
						+ ", a loopback, private, link-local or metadata address; list it in "
						+ "fedcmdb.events.allowed-targets if this receiver is really meant");
			}
		}
		return uri;
	}

	static boolean isPublic(InetAddress a) {
		if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
				|| a.isMulticastAddress()) {
			return false;
		}
		byte[] b = a.getAddress();
		if (b.length == 16) {
			return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique-local (AWS's metadata service has fd00:ec2::254)
		}
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64.0.0/10
				&& !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
				&& !(first == 198 && (second == 18 || second == 19)) // benchmarking 198.18.0.0/15
				&& first != 0 && first < 240; // "this network" and reserved
	}

	private boolean isAllowed(InetAddress a) {
		for (String entry : allowed) {
			if (entry.contains("/") ? inCidr(a, entry) : entry.equals(a.getHostAddress().toLowerCase(Locale.ROOT))) {
				return true;
			}
		}
		return false;
	}

	/** Prefix match on the address bytes (hand-written: Spring Security's IpAddressMatcher is not on the classpath). */
	private static boolean inCidr(InetAddress a, String cidr) {
		try {
			String[] parts = cidr.split("/");
			byte[] net = InetAddress.getByName(parts[0]).getAddress();
			byte[] addr = a.getAddress();
			int bits = Integer.parseInt(parts[1]);
			if (net.length != addr.length) {
				return false;
			}
			for (int i = 0; i < bits; i++) {
				int mask = 0x80 >> (i % 8);
				if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}
		catch (UnknownHostException | RuntimeException ex) {
			return false;
		}
	}

}
