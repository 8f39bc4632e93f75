package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.junit.jupiter.api.Test;

/** The in-memory sets of asserted edges: trusted only under the epoch they were filled under. */
class AssertedEdgesTests {

	final AssertedEdges edges = new AssertedEdges();

	@Test
	void knownPerSourceUnderTheTokenTheyWereAssertedUnder() {
		edges.added(null, "t1", "nmap", new long[] { 1, 2 });
		assertThat(edges.knows("t1", "nmap", 1)).isTrue();
		assertThat(edges.knows("t1", "vcenter", 1)).isFalse();
		assertThat(edges.knows("t1", "nmap", 3)).isFalse();
		assertThat(edges.knows("t2", "nmap", 1)).as("another instance moved the epoch").isFalse();
		assertThat(edges.size()).isEqualTo(2);
	}

	@Test
	void aRemovalThisInstanceMadeMovesTheSetsToTheNewToken() {
		edges.added(null, "t1", "nmap", new long[] { 1, 2 });
		edges.removed("t1", "t2", "nmap", List.of(1L));
		assertThat(edges.knows("t2", "nmap", 1)).isFalse();
		assertThat(edges.knows("t2", "nmap", 2)).isTrue();
		assertThat(edges.size()).isEqualTo(1);
	}

	@Test
	void aRemovalUnderAnotherTokenOrAWriteUnderANewOneStartsOver() {
		edges.added(null, "t1", "nmap", new long[] { 1, 2 });
		edges.removed("t0", "t3", "nmap", List.of(1L));
		assertThat(edges.knows("t3", "nmap", 2)).isFalse();
		edges.added("t3", "t4", "nmap", new long[] { 5 });
		assertThat(edges.knows("t4", "nmap", 5)).as("an addition this instance made moves the sets along").isTrue();
		edges.added("t9", "t10", "nmap", new long[] { 6 });
		assertThat(edges.knows("t10", "nmap", 5)).as("another instance wrote between t4 and t9").isFalse();
		assertThat(edges.knows("t10", "nmap", 6)).isTrue();
		assertThat(edges.size()).isEqualTo(1);
	}

	@Test
	void aLoadedSetIsCompleteAndStaysSoThroughThisInstancesOwnChanges() {
		edges.loaded("t1", "nmap", LongHashSet.newSetWith(1, 2));
		assertThat(edges.isComplete("t1", "nmap")).isTrue();
		assertThat(edges.isComplete("t1", "vcenter")).isFalse();
		assertThat(edges.coveredBy("t1", "nmap", new long[] { 1, 2, 7 })).isTrue();
		assertThat(edges.coveredBy("t1", "nmap", new long[] { 1, 7 })).as("edge 2 was not reported").isFalse();
		edges.added("t1", "t2", "nmap", new long[] { 3 });
		edges.removed("t2", "t3", "nmap", List.of(2L));
		assertThat(edges.isComplete("t3", "nmap")).isTrue();
		assertThat(edges.coveredBy("t3", "nmap", new long[] { 1, 3 })).isTrue();
		assertThat(edges.coveredBy("t3", "nmap", new long[] { 1 })).as("edge 3 was added since the load").isFalse();
	}

	/** The covering check against the set's own membership, on random sets and reported keys with repeats. */
	@Test
	void theReportedKeysCoverTheSetExactlyWhenEachOfItsKeysIsAmongThem() {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
		int covered = 0;
		for (int round = 0; round < 500; round++) {
			LongHashSet set = new LongHashSet();
			int n = rnd.nextInt(12);
			for (int i = 0; i < n; i++) {
				set.add(rnd.nextLong(100) - 50);
			}
			long[] reported = new long[rnd.nextInt(120)];
			for (int i = 0; i < reported.length; i++) {
				reported[i] = rnd.nextLong(100) - 50;
			}
			java.util.Arrays.sort(reported);
			boolean expected = set.allSatisfy(k -> java.util.Arrays.binarySearch(reported, k) >= 0);
			assertThat(AssertedEdges.covers(reported, set)).as("%s in %s", set, java.util.Arrays.toString(reported))
				.isEqualTo(expected);
			covered += expected ? 1 : 0;
		}
		assertThat(covered).as("both answers occur").isBetween(50, 450);
	}

	@Test
	void aChangeUnderAnotherTokenMakesNoSetComplete() {
		edges.loaded("t1", "nmap", LongHashSet.newSetWith(1));
		edges.added("t5", "t6", "nmap", new long[] { 2 });
		assertThat(edges.isComplete("t6", "nmap")).isFalse();
		assertThat(edges.coveredBy("t6", "nmap", new long[] { 1, 2 })).as("not known to be complete").isFalse();
		edges.loaded("t6", "nmap", LongHashSet.newSetWith(1, 2, 3));
		edges.removed("t7", "t8", "nmap", List.of(3L));
		assertThat(edges.isComplete("t8", "nmap")).isFalse();
		assertThat(edges.isComplete("t6", "nmap")).isFalse();
	}

	@Test
	void noSetIsCompleteOnceTheKeysOverflowTheCap() {
		AssertedEdges small = new AssertedEdges(3);
		small.loaded("t1", "nmap", LongHashSet.newSetWith(1, 2));
		small.added("t1", "t2", "nmap", new long[] { 3, 4 });
		assertThat(small.isComplete("t2", "nmap")).isFalse();
		small.loaded("t2", "vcenter", LongHashSet.newSetWith(5, 6));
		assertThat(small.isComplete("t2", "vcenter")).as("would pass the cap").isFalse();
		assertThat(small.size()).isEqualTo(3);
	}

}
