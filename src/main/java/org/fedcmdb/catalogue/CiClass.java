package org.fedcmdb.catalogue;

import java.util.List;
import java.util.Map;

/**
 * One class of the taxonomy as configured. {@code identification} is the ordered list of identifier sets (empty:
 * inherited from the parent); {@code scopedBy} names the outgoing relationship types whose target a dependent CI is
 * identified inside (a database instance is only "main:5432" on one host).
 *
 * @param labels the Neo4j labels of the class: its own name and every ancestor's, plus {@code CI}
 * @param required attributes a complete CI of this class has (its own and its ancestors'): the completeness figure of
 *        CMDB health counts the CIs that lack one
 */
public record CiClass(String name, String parent, List<List<String>> identification, List<String> scopedBy,
		boolean service, Map<String, String> normalisers, List<String> labels, List<String> required) {

	public boolean isScoped() {
		return !scopedBy.isEmpty();
	}

}
