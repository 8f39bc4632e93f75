package org.fedcmdb.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change models decide STANDARD vs CAB from the facts alone: pure, no database. */
class ChangeModelsTests {

	static final ClassCatalogue CATALOGUE = CatalogueFiles.load();

	final ChangeModels builtIn = ChangeModels.load(List.of(), CATALOGUE);

	final Instant monday10 = Instant.parse("2026-12-07T10:00:00Z");

	ChangeModels.Facts facts(List<String> classes, String risk, Integer tier, int radius) {
		return new ChangeModels.Facts(classes, List.of(Map.of("team", "payments")), "production", risk, tier, radius,
				monday10.minusSeconds(7200), monday10, monday10.plusSeconds(1800));
	}

	@Test
	void theDefaultModelTakesAnApplicationDeploymentThatReachesNoTierOneService() {
		assertThat(builtIn.evaluate(facts(List.of("Application"), "LOW", 3, 10)).model()).isEqualTo("application-deployment");
		assertThat(builtIn.evaluate(facts(List.of("KubernetesWorkload"), "MEDIUM", null, 0)).model()).isEqualTo("application-deployment");
		ChangeModels.Verdict tier1 = builtIn.evaluate(facts(List.of("Application"), "LOW", 1, 10));
		assertThat(tier1.model()).isNull();
		assertThat(tier1.reasons()).containsExactly("model application-deployment: a tier-1 service is impacted (at most tier 2)");
		assertThat(builtIn.evaluate(facts(List.of("Application"), "HIGH", 3, 10)).reasons().get(0)).contains("risk HIGH is above MEDIUM");
		assertThat(builtIn.evaluate(facts(List.of("Application"), "LOW", 3, 201)).reasons().get(0)).contains("201 CIs impacted");
	}

	@Test
	void sharedInfrastructureAlwaysNeedsCabWhateverTheModels() {
		ChangeModels.Verdict v = builtIn.evaluate(facts(List.of("Application", "Hypervisor"), "LOW", null, 1));
		assertThat(v.model()).isNull();
		assertThat(v.reasons()).containsExactly("a target is shared infrastructure (Hypervisor): always CAB");
		assertThat(builtIn.evaluate(facts(List.of("DatabaseInstance"), "LOW", null, 1)).model()).isNull();
	}

	@Test
	void anOverrideAddsEnvironmentsLabelsLeadTimeAndWindows(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("models.yml");
		Files.writeString(f, """
				models:
				  - name: payments-office-hours
				    classes: [Application]
				    environments: [production]
				    labels: { team: payments }
				    leadTime: 1h
				    windows: [ { days: [MON, TUE, WED, THU, FRI], from: "08:00", to: "18:00", zone: UTC } ]
				""");
		ChangeModels m = ChangeModels.load(List.of("file:" + f), CATALOGUE);
		assertThat(m.models()).extracting(ChangeModels.Model::name).containsExactly("payments-office-hours", "application-deployment");
		assertThat(m.evaluate(facts(List.of("Application"), "HIGH", 1, 5)).model()).isEqualTo("payments-office-hours");
		ChangeModels.Facts saturday = new ChangeModels.Facts(List.of("Application"), List.of(Map.of("team", "payments")),
				"production", "HIGH", 1, 5, monday10.minusSeconds(3 * 86400), monday10.minusSeconds(2 * 86400),
				monday10.minusSeconds(2 * 86400 - 600));
		assertThat(m.evaluate(saturday).reasons().get(0)).contains("outside the model's allowed windows");
		ChangeModels.Facts rushed = new ChangeModels.Facts(List.of("Application"), List.of(Map.of("team", "payments")),
				"production", "HIGH", 1, 5, monday10.minusSeconds(600), monday10, monday10.plusSeconds(600));
		assertThat(m.evaluate(rushed).reasons().get(0)).contains("less than PT1H ahead");
		ChangeModels.Facts otherTeam = new ChangeModels.Facts(List.of("Application"), List.of(Map.of("team", "search")),
				"production", "HIGH", 1, 5, monday10.minusSeconds(7200), monday10, monday10.plusSeconds(600));
		assertThat(m.evaluate(otherTeam).reasons().get(0)).contains("team is not payments");
	}

	@Test
	void mistakesNameTheFileAndTheModel(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("bad.yml");
		Files.writeString(f, "models:\n  - name: x\n    classes: [Toaster]\n");
		assertThatThrownBy(() -> ChangeModels.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("bad.yml")
			.hasMessageContaining("model 'x': unknown class 'Toaster'");
		Files.writeString(f, "models:\n  - name: y\n    classes: [Application]\n    maxRisk: SPICY\n");
		assertThatThrownBy(() -> ChangeModels.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("maxRisk");
		Files.writeString(f, "models:\n  - name: z\n    classes: [Application]\n    windows: [ { days: [FUNDAY] } ]\n");
		assertThatThrownBy(() -> ChangeModels.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("FUNDAY");
	}

}
