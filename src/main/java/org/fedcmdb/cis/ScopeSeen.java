package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.springframework.stereotype.Component;

/**
 * "Still seen" for a source's unchanged records, at the finish of the FULL snapshot that reported them without
 * writing them ({@link ReportedRefs}). A complete one whose withdrawal went through has reported every assertion of its
 * source and scope that is still live, so one node, {@code ScopeSeen {source, scope, seen, snapshotId, at}}, says so
 * for all of them: readers take the later of an assertion's own seen time and its scope's (cypher/fragments/scope-seen),
 * instead of an unchanged re-send writing every assertion. Any other FULL snapshot (incomplete, or its withdrawal
 * refused by the safety cap) touches them at its finish, as its chunks used to.
 */
@Component
public class ScopeSeen {

	private static final int BATCH = 2_500;

	private final Transactions transactions;

	private final CypherCatalog cypher;

	private final WriterLease lock;

	ScopeSeen(Transactions transactions, CypherCatalog cypher, WriterLease lock) {
		this.transactions = transactions;
		this.cypher = cypher;
		this.lock = lock;
	}

	/**
	 * The complete FULL snapshot {@code snapshotId}, collected at {@code seen}, reported every live assertion of the
	 * source in the scope (its withdrawal withdrew the rest): the scope's ScopeSeen moves to it, only forward.
	 */
	public void confirm(String source, String scope, String snapshotId, long seen) {
		lock.run(() -> transactions.writeWithoutResult(tx -> {
			lock.fence(tx);
			tx.run(cypher.get("scope-seen-confirm"), Map.of("key", source + "|" + scope, "source", source, "scope", scope,
					"snapshotId", snapshotId, "seen", seen, "now", System.currentTimeMillis())).consume();
		}));
	}

	/**
	 * Touches the assertions a FULL snapshot that confirms nothing for its scope reported without writing: their
	 * seen time moves forward to {@code seen}, their snapshot becomes {@code snapshotId}.
	 * @return how many were touched
	 */
	public int touch(String source, String snapshotId, long seen, ReportedRefs reported) {
		List<Map<String, Object>> rows = new ArrayList<>();
		reported.byRef().forEach((ref, ciId) -> rows.add(Map.of("key", ciId + "|" + source, "ref", ref)));
		int[] touched = { 0 };
		for (int i = 0; i < rows.size(); i += BATCH) {
			List<Map<String, Object>> part = rows.subList(i, Math.min(rows.size(), i + BATCH));
			lock.run(() -> transactions.writeWithoutResult(tx -> {
				lock.fence(tx);
				touched[0] += tx.run(cypher.get("scope-seen-touch"), Map.of("rows", part, "seen", seen, "snapshotId",
						snapshotId)).single().get("touched").asInt();
			}));
		}
		return touched[0];
	}

}
