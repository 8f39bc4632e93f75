package org.fedcmdb.graph;

import java.util.List;
import java.util.Map;

/** A CI's display name from its effective attributes and identifiers: the same rule when it is stored and as of a past instant. */
public final class CiNames {

	/** The identifier value a source gives when it has none (identification's {@code Identity.PLACEHOLDER}). */
	static final String PLACEHOLDER = "(placeholder)";

	private static final List<String> NAMING_KEYS = List.of("name", "hostName", "fqdn", "instanceId", "serialNumber",
			"uid", "arn", "sysId");

	private CiNames() {
	}

	public static String of(Map<String, Object> attributes, Map<String, List<String>> identifiers) {
		Object n = attributes.get("name");
		if (n instanceof String s && !s.isBlank()) {
			return s;
		}
		for (String k : NAMING_KEYS) {
			List<String> v = identifiers.get(k);
			if (v != null && !v.isEmpty() && !v.get(0).equals(PLACEHOLDER)) {
				return v.get(0);
			}
		}
		for (List<String> v : identifiers.values()) {
			if (!v.isEmpty() && !v.get(0).equals(PLACEHOLDER)) {
				return v.get(0);
			}
		}
		return null;
	}

}
