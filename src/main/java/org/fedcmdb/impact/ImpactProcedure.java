package org.fedcmdb.impact;

import java.util.List;
import java.util.stream.Stream;

import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * The whole impact breadth-first search inside the database, in one call: {@code CALL fedcmdb.expand(...)}. The Cypher
 * path (one statement per level, {@link ImpactTraversal}) costs a Bolt round trip and a query plan per level; here the
 * BFS walks the relationship chains directly, with the same semantics (types followed against or along their
 * direction, MEMBER_OF the other way, retired CIs skipped unless asked, the row and time limits) and returns every
 * start CI, every edge with the CI it reaches, and each redundancy group's live members, so the caller computes states
 * and ranking exactly as before. Registered in the embedded database at start; on an external server it is used when
 * installed as a plugin, and the Cypher path answers otherwise. The search itself is {@link ImpactExpansion}, which an embedded database
 * runs in process.
 */
public class ImpactProcedure {

	@Context
	public Transaction tx;

	/** One row: kind START (a start CI), EDGE (from → to, with to's fields and depth), GROUP (live members), END. */
	public static class Row {

		public String kind;

		public String given;

		public String from;

		public String to;

		public String type;

		public long depth;

		public String className;

		public String name;

		public String status;

		public Long criticality;

		public Long members;

		public Long minHealthy;

		public String truncatedBy;

		static Row of(String kind) {
			Row r = new Row();
			r.kind = kind;
			return r;
		}

	}

	@Procedure(name = "fedcmdb.expand", mode = Mode.READ)
	public Stream<Row> expand(@Name("ids") List<String> ids, @Name("upstream") boolean upstream,
			@Name("types") List<String> types, @Name("withMembers") boolean withMembers,
			@Name("includeRetired") boolean includeRetired, @Name("maxDepth") long maxDepth,
			@Name("capacity") long capacity, @Name("deadline") long deadline, @Name("groupLabel") String groupLabel,
			@Name(value = "asOf", defaultValue = "-1") long asOf) {
		return ImpactExpansion.expand(tx, new ImpactExpansion.Request(ids, upstream, types, withMembers, includeRetired,
				maxDepth, capacity, deadline, groupLabel, asOf)).stream();
	}

}
