package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The unchanged records a snapshot did not write, as its withdrawal and its ref look-ups ask about them. */
class ReportedRefsTests {

	@Test
	void everyPairsCiIsReportedUnderAnyRef() {
		ReportedRefs refs = ReportedRefs.of(List.of(List.of(ReportedRefs.pair("ci-1", "vm-1"),
				ReportedRefs.pair("ci-2", "vm-2")), List.of(ReportedRefs.pair("ci-3", "vm-2"))), false);
		assertThat(refs.reports("ci-1", "renamed")).isTrue();
		assertThat(refs.reports("ci-2", "vm-2")).isTrue();
		assertThat(refs.reports("ci-3", "vm-2")).as("a ref two chunks named: both CIs reported").isTrue();
		assertThat(refs.reports("ci-4", "vm-1")).as("the ref alone answers only when an assertion moved").isFalse();
		assertThat(refs.ciIds()).containsExactlyInAnyOrder("ci-1", "ci-2", "ci-3");
	}

	@Test
	void whenAnAssertionMayHaveMovedTheRefAnswersToo() {
		ReportedRefs refs = ReportedRefs.of(List.of(List.of(ReportedRefs.pair("ci-1", "vm-1"))), true);
		assertThat(refs.reports("ci-9", "vm-1")).isTrue();
		assertThat(refs.reports("ci-9", "vm-9")).isFalse();
		assertThat(refs.byRef()).containsEntry("vm-1", "ci-1");
		assertThat(ReportedRefs.NONE.reports("ci-1", "vm-1")).isFalse();
	}

}
