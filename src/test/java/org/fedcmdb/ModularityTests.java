package org.fedcmdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries that matter: the discovery agents run standalone on other hosts, so they must not reach into
 * Spring, Neo4j or the server; identification and reconciliation are pure rules, tested on plain records.
 */
class ModularityTests {

	static final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.fedcmdb");

	@Test
	void agentsDependOnNeitherSpringNorNeo4jNorTheServer() {
		noClasses().that().resideInAPackage("org.fedcmdb.agents..").should().dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.neo4j..", "org.fedcmdb.ingest..", "org.fedcmdb.graph..",
					"org.fedcmdb.impact..", "org.fedcmdb.api..", "org.fedcmdb.catalogue..", "org.fedcmdb.scheduling..")
			.check(classes);
	}

	@Test
	void identificationAndReconciliationArePureLogic() {
		noClasses().that().resideInAnyPackage("org.fedcmdb.identification..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
		noClasses().that().resideInAnyPackage("org.fedcmdb.reconciliation..").and().haveNameNotMatching(".*(RulesConfiguration|RulesFiles).*")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
	}

	@Test
	void eventsKnowNothingOfWhatProducesThem() {
		// the outbox is the one way in: ingest (and later incidents and changes) depend on events, never the reverse
		noClasses().that().resideInAPackage("org.fedcmdb.events..").should().dependOnClassesThat()
			.resideInAnyPackage("org.fedcmdb.ingest..", "org.fedcmdb.impact..", "org.fedcmdb.api..",
					"org.fedcmdb.scheduling..", "org.fedcmdb.discovery..", "org.fedcmdb.incidents..", "org.fedcmdb.changes..")
			.check(classes);
	}

	@Test
	void changesAreAModuleOfTheirOwn() {
		// the gate reads impact and incidents (through IncidentQueries) and publishes through the outbox; it writes no
		// CI, and nothing depends on it
		noClasses().that().resideInAPackage("org.fedcmdb.changes..").should().dependOnClassesThat()
			.resideInAnyPackage("org.fedcmdb.ingest..", "org.fedcmdb.api..", "org.fedcmdb.scheduling..",
					"org.fedcmdb.discovery..")
			.check(classes);
		noClasses().that().resideOutsideOfPackage("org.fedcmdb.changes..").should().dependOnClassesThat()
			.resideInAPackage("org.fedcmdb.changes..").check(classes);
		noClasses().that().haveFullyQualifiedName("org.fedcmdb.changes.ChangeModels")
			.should().dependOnClassesThat().resideInAnyPackage("org.neo4j..").check(classes);
	}

	@Test
	void incidentsAreAModuleOfTheirOwn() {
		// incidents build on impact, the read side of the graph and the outbox; they never write CIs, and nothing
		// depends on them (their connectors reach the outbox through its EventSink interface)
		noClasses().that().resideInAPackage("org.fedcmdb.incidents..").should().dependOnClassesThat()
			.resideInAnyPackage("org.fedcmdb.ingest..", "org.fedcmdb.api..", "org.fedcmdb.scheduling..",
					"org.fedcmdb.discovery..")
			.check(classes);
		noClasses().that().resideOutsideOfPackage("org.fedcmdb.incidents..").should().dependOnClassesThat(
				com.tngtech.archunit.base.DescribedPredicate.describe("incidents other than IncidentQueries",
						(com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("org.fedcmdb.incidents")
								&& !c.getName().startsWith("org.fedcmdb.incidents.IncidentQueries")))
			.check(classes);
		// the correlation core and the payload reader are pure
		noClasses().that().haveFullyQualifiedName("org.fedcmdb.incidents.CauseScores").or()
			.haveFullyQualifiedName("org.fedcmdb.incidents.AlertPayloads").or()
			.haveFullyQualifiedName("org.fedcmdb.incidents.AlertMapping")
			.should().dependOnClassesThat().resideInAnyPackage("org.neo4j..")
			.check(classes);
	}

	@Test
	void policiesOfImpactArePure() {
		noClasses().that().haveFullyQualifiedName("org.fedcmdb.impact.RiskPolicy").or()
			.haveFullyQualifiedName("org.fedcmdb.impact.IncidentPolicy").or().haveFullyQualifiedName("org.fedcmdb.impact.ImpactStates")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
	}

	@Test
	void healthAndTheConsoleAreLeaves() {
		// the health figures read the graph and the rules; they change nothing and nothing depends on them
		noClasses().that().resideInAPackage("org.fedcmdb.health..").should().dependOnClassesThat()
			.resideInAnyPackage("org.fedcmdb.ingest..", "org.fedcmdb.api..", "org.fedcmdb.incidents..",
					"org.fedcmdb.changes..", "org.fedcmdb.events..", "org.fedcmdb.scheduling..")
			.check(classes);
		noClasses().that().resideOutsideOfPackages("org.fedcmdb.health..", "org.fedcmdb.console..").should()
			.dependOnClassesThat().resideInAnyPackage("org.fedcmdb.health..", "org.fedcmdb.console..").check(classes);
		// the console's Java side only maps pages and sets headers: its data goes through the public GraphQL API
		noClasses().that().resideInAPackage("org.fedcmdb.console..").should().dependOnClassesThat(
				com.tngtech.archunit.base.DescribedPredicate.describe("other fedcmdb modules or Neo4j",
						(com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith("org.neo4j")
								|| (c.getPackageName().startsWith("org.fedcmdb")
										&& !c.getPackageName().startsWith("org.fedcmdb.console"))))
			.check(classes);
	}

}
