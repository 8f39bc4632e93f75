package org.fedcmdb.incidents;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask of incidents (the change gate: is an open P1/P2 incident on this blast radius? which
 * incidents followed this change?). The one public door into this module.
 */
@Component
@NamedInterface("queries")
public class IncidentQueries {

	/** An incident and the asked-about CIs in its picture. */
	public record IncidentRef(String id, String priority, String title, long openedAt, List<String> ciIds) {
	}

	private final Driver driver;

	private final CypherCatalog cypher;

	IncidentQueries(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/** Open incidents of {@code priorities} whose CIs (alerting, or what they need) include any of {@code ciIds}. */
	public List<IncidentRef> openOn(Collection<String> ciIds, Set<String> priorities) {
		return read("incident-open-on", Map.of("ids", List.copyOf(ciIds), "priorities", List.copyOf(priorities)));
	}

	/** Incidents opened in [from, to] (epoch ms) whose CIs include any of {@code ciIds}. */
	public List<IncidentRef> openedOn(Collection<String> ciIds, long from, long to) {
		return read("incident-opened-on", Map.of("ids", List.copyOf(ciIds), "from", from, "to", to));
	}

	private List<IncidentRef> read(String query, Map<String, Object> params) {
		if (((List<?>) params.get("ids")).isEmpty()) {
			return List.of();
		}
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get(query), params).list(r -> new IncidentRef(r.get("id").asString(),
					r.get("priority").asString(), r.get("title").isNull() ? null : r.get("title").asString(),
					r.get("openedAt").asLong(), r.get("ciIds").asList(v -> v.asString()))));
		}
	}

}
