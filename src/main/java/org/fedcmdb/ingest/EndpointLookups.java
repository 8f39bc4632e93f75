package org.fedcmdb.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.identification.Candidate;
import org.fedcmdb.identification.Decision;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.identification.Identity;

/** Finds the CIs that look-up endpoints (a class and identifiers, reported by anyone) name, in one read. */
final class EndpointLookups {

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final Identifier identifier;

	EndpointLookups(GraphStore store, ClassCatalogue catalogue, Identifier identifier) {
		this.store = store;
		this.catalogue = catalogue;
		this.identifier = identifier;
	}

	/** The CI each endpoint identifies (a match, or the survivor a merge would keep); absent when none. */
	Map<SnapshotModel.Endpoint, String> find(Collection<SnapshotModel.Endpoint> endpoints, String source) {
		Map<SnapshotModel.Endpoint, String> out = new HashMap<>();
		if (endpoints.isEmpty()) {
			return out;
		}
		Map<SnapshotModel.Endpoint, Identity> identities = new HashMap<>();
		Set<String> keys = new LinkedHashSet<>();
		for (SnapshotModel.Endpoint e : endpoints) {
			Identity id = Identity.of(catalogue, e.className(), e.identifiers(), null);
			identities.put(e, id);
			keys.addAll(id.allKeys());
		}
		Map<String, Set<String>> keyMatches = new HashMap<>();
		Map<String, Candidate> candidates = new HashMap<>();
		for (GraphStore.CandidateRow row : store.lookup(keys, source)) {
			keyMatches.computeIfAbsent(row.key(), k -> new LinkedHashSet<>()).add(row.id());
			candidates.putIfAbsent(row.id(), ItemDecisions.candidate(row));
		}
		for (var e : identities.entrySet()) {
			Decision d = identifier.decide(e.getValue(), keyMatches, candidates, Set.of());
			if (d.kind() == Decision.Kind.MATCH || d.kind() == Decision.Kind.MERGE) {
				out.put(e.getKey(), d.ciId());
			}
		}
		return out;
	}

}
