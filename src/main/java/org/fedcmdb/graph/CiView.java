package org.fedcmdb.graph;

import java.util.List;
import java.util.Map;

/**
 * A CI as read for clients: effective values, identifiers and the provenance of each attribute (source, observedAt,
 * reason), all decoded from the node.
 */
public record CiView(String id, String className, List<String> labels, String name, String status, Integer criticality,
		String owner, String supportGroup, Long firstSeen, Long lastSeen, Map<String, List<String>> identifiers,
		Map<String, Object> attributes, Map<String, List<Object>> provenance, List<String> sourceNames,
		Integer minHealthy) {

	@SuppressWarnings("unchecked")
	public static CiView of(Map<String, Object> p) {
		Map<String, Object> prov = Json.readMap((String) p.get("provenance"));
		Map<String, List<Object>> provenance = new java.util.TreeMap<>();
		prov.forEach((k, v) -> provenance.put(k, (List<Object>) v));
		return new CiView((String) p.get("id"), (String) p.get("class"),
				p.get("labels") == null ? List.of() : (List<String>) p.get("labels"), (String) p.get("name"),
				(String) p.get("status"), intOrNull(p.get("criticality")), (String) p.get("owner"),
				(String) p.get("supportGroup"), (Long) p.get("firstSeen"), (Long) p.get("lastSeen"),
				Json.readIdentifiers((String) p.get("identifiers")), Json.readMap((String) p.get("attributes")),
				provenance, p.get("sourceNames") == null ? List.of() : (List<String>) p.get("sourceNames"),
				intOrNull(p.get("minHealthy")));
	}

	/**
	 * A CI with only what an impact traversal reads along the way; for answers whose selection asks for no more,
	 * which saves loading (and decoding) every impacted CI's full node.
	 */
	public static CiView summary(String id, String className, String name, String status, Integer criticality) {
		return new CiView(id, className, List.of(), name, status, criticality, null, null, null, null, Map.of(), Map.of(),
				Map.of(), List.of(), null);
	}

	private static Integer intOrNull(Object o) {
		return o instanceof Number n ? n.intValue() : null;
	}

}
