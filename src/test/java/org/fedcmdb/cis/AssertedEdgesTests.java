package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The in-memory sets of asserted edges: trusted only under the epoch they were filled under. */
class AssertedEdgesTests {

	final AssertedEdges edges = new AssertedEdges();

	@Test
	void knownPerSourceUnderTheTokenTheyWereAssertedUnder() {
		edges.asserted("t1", "nmap", new long[] { 1, 2 });
		assertThat(edges.knows("t1", "nmap", 1)).isTrue();
		assertThat(edges.knows("t1", "vcenter", 1)).isFalse();
		assertThat(edges.knows("t1", "nmap", 3)).isFalse();
		assertThat(edges.knows("t2", "nmap", 1)).as("another instance moved the epoch").isFalse();
		assertThat(edges.size()).isEqualTo(2);
	}

	@Test
	void aRemovalThisInstanceMadeMovesTheSetsToTheNewToken() {
		edges.asserted("t1", "nmap", new long[] { 1, 2 });
		edges.removed("t1", "t2", "nmap", List.of(1L));
		assertThat(edges.knows("t2", "nmap", 1)).isFalse();
		assertThat(edges.knows("t2", "nmap", 2)).isTrue();
		assertThat(edges.size()).isEqualTo(1);
	}

	@Test
	void aRemovalUnderAnotherTokenOrAWriteUnderANewOneStartsOver() {
		edges.asserted("t1", "nmap", new long[] { 1, 2 });
		edges.removed("t0", "t3", "nmap", List.of(1L));
		assertThat(edges.knows("t3", "nmap", 2)).isFalse();
		edges.asserted("t3", "nmap", new long[] { 5 });
		edges.asserted("t4", "nmap", new long[] { 6 });
		assertThat(edges.knows("t4", "nmap", 5)).isFalse();
		assertThat(edges.knows("t4", "nmap", 6)).isTrue();
		assertThat(edges.size()).isEqualTo(1);
	}

}
