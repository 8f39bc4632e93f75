package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Probable cause from the incremental scores: pure, no database. */
class CauseScoresTests {

	/** app runs on vm, vm on hv, hv in rack: what each needs, with depths. */
	static final Map<String, Integer> APP = Map.of("vm", 1, "hv", 2, "rack", 3);

	static final Map<String, Integer> VM = Map.of("hv", 1, "rack", 2);

	@Test
	void aLoneAlertIsItsOwnCause() {
		CauseScores s = CauseScores.empty();
		s.add("app", APP);
		assertThat(s.cause()).isEqualTo(new CauseScores.Cause("app", false, 1));
	}

	@Test
	void theAlertingCiTheOthersNeedExplainsThem() {
		CauseScores s = CauseScores.empty();
		s.add("app", APP);
		s.add("vm", VM);
		assertThat(s.cause().ciId()).isEqualTo("vm");
		s.add("hv", Map.of("rack", 1));
		assertThat(s.cause()).isEqualTo(new CauseScores.Cause("hv", false, 3));
	}

	@Test
	void silentSiblingsPointAtTheNearestSharedDependencyNotTheFurthest() {
		CauseScores s = CauseScores.empty();
		s.add("vm1", VM);
		s.add("vm2", VM);
		// hv and rack both explain two alerting CIs; hv is nearer
		assertThat(s.cause()).isEqualTo(new CauseScores.Cause("hv", true, 2));
	}

	@Test
	void aSilentHubLinksNothingAndCausesNothingButAnAlertingOneDoes() {
		Set<String> hubs = Set.of("core");
		CauseScores s = CauseScores.empty();
		s.add("vmA", Map.of("hvA", 1, "core", 1), hubs);
		// another VM on another hypervisor shares only the core switch: unrelated
		assertThat(s.overlap("vmB", Map.of("hvB", 1, "core", 1), hubs)).isZero();
		s.add("vmA2", Map.of("hvA", 1, "core", 1), hubs);
		// hvA and core explain both; the silent hub is no cause
		assertThat(s.cause().ciId()).isEqualTo("hvA");
		CauseScores withSwitch = CauseScores.empty();
		withSwitch.add("core", Map.of(), hubs);
		assertThat(withSwitch.overlap("vmB", Map.of("hvB", 1, "core", 1), hubs)).isEqualTo(1);
		assertThat(CauseScores.decode(s.encode()).cause()).isEqualTo(s.cause());
	}

	@Test
	void scoresSurviveTheirStoredForm() {
		CauseScores s = CauseScores.empty();
		s.add("app", APP);
		s.add("vm2", VM);
		CauseScores back = CauseScores.decode(s.encode());
		assertThat(back.cause()).isEqualTo(s.cause());
		assertThat(back.encode()).isEqualTo(s.encode());
		assertThat(back.overlap("other", Map.of("rack", 1), Set.of())).isEqualTo(1);
		assertThat(back.overlap("other", new LinkedHashMap<>(), Set.of())).isZero();
	}

	@Test
	void updatesAreBoundedByDoublingTheAlertCount() {
		IncidentRecord was = new IncidentRecord();
		was.id = "inc_1r0";
		was.priority = "P2";
		was.alertCount = 5;
		was.notifiedAlertCount = 4;
		IncidentRecord now = IncidentRecord.from(was.toRow());
		now.alertCount = 7;
		assertThat(IncidentEvents.typeOf(now, was)).isNull();
		now.alertCount = 8;
		assertThat(IncidentEvents.typeOf(now, was)).isEqualTo("incident.updated");
		now.alertCount = 7;
		now.priority = "P1";
		assertThat(IncidentEvents.typeOf(now, was)).isEqualTo("incident.updated");
		now.status = "RESOLVED";
		assertThat(IncidentEvents.typeOf(now, was)).isEqualTo("incident.resolved");
	}

}
