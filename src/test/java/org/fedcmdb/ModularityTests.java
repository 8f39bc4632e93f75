package org.fedcmdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Module boundaries. Between fedcmdb's own modules (each top-level package) Spring Modulith checks them: no cycles,
 * only the other modules' exposed types, and only the dependencies each module's {@code package-info.java} allows
 * (so, for example, nothing depends on the change gate, health or the console, and the events outbox knows nothing of
 * what produces events). What Modulith cannot say is which libraries a module may use: the rules below keep the
 * standalone agents free of Spring, Neo4j and the server, and the identification, reconciliation and policy cores
 * pure logic, tested on plain records.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(FedcmdbApplication.class);

	static final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("org.fedcmdb");

	@Test
	void modulesKeepToTheirAllowedDependencies() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() throws IOException {
		// docs/modules: the component diagram, one per module and the module canvases, regenerated on every run;
		// Modulith writes the diagrams' relations in hash order, sorted here so that the files change only with the code
		Path generated = Path.of("target/spring-modulith-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(generated.toString())).writeDocumentation();
		Path docs = Files.createDirectories(Path.of("docs/modules"));
		try (Stream<Path> files = Files.list(generated)) {
			for (Path f : files.toList()) {
				String content = f.toString().endsWith(".puml") ? withSortedRelations(Files.readAllLines(f))
						: Files.readString(f);
				Path target = docs.resolve(f.getFileName().toString());
				if (!Files.exists(target) || !Files.readString(target).equals(content)) {
					Files.writeString(target, content);
				}
			}
		}
		assertThat(Files.readString(docs.resolve("components.puml"))).contains("Change gate");
		assertThat(docs.resolve("module-changes.adoc")).exists();
	}

	private static String withSortedRelations(List<String> lines) {
		List<String> relations = lines.stream().filter(l -> l.startsWith("Rel(")).sorted().toList();
		StringBuilder out = new StringBuilder();
		int next = 0;
		for (String line : lines) {
			out.append(line.startsWith("Rel(") ? relations.get(next++) : line).append('\n');
		}
		return out.toString();
	}

	@Test
	void agentsDependOnNeitherSpringNorNeo4jNorTheServer() {
		noClasses().that().resideInAPackage("org.fedcmdb.agents..").should().dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.neo4j..", "org.fedcmdb.ingest..", "org.fedcmdb.graph..",
					"org.fedcmdb.impact..", "org.fedcmdb.api..", "org.fedcmdb.catalogue..", "org.fedcmdb.scheduling..")
			.check(classes);
	}

	@Test
	void identificationAndReconciliationArePureLogic() {
		noClasses().that().resideInAnyPackage("org.fedcmdb.identification..").and().doNotHaveSimpleName("package-info")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
		noClasses().that().resideInAnyPackage("org.fedcmdb.reconciliation..").and().doNotHaveSimpleName("package-info")
			.and().haveNameNotMatching(".*(RulesConfiguration|RulesFiles).*")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
	}

	@Test
	void policyCoresArePure() {
		noClasses().that().haveFullyQualifiedName("org.fedcmdb.impact.RiskPolicy").or()
			.haveFullyQualifiedName("org.fedcmdb.impact.IncidentPolicy").or().haveFullyQualifiedName("org.fedcmdb.impact.ImpactStates")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.neo4j..")
			.check(classes);
		noClasses().that().haveFullyQualifiedName("org.fedcmdb.incidents.CauseScores").or()
			.haveFullyQualifiedName("org.fedcmdb.incidents.AlertPayloads").or()
			.haveFullyQualifiedName("org.fedcmdb.incidents.AlertMapping").or()
			.haveFullyQualifiedName("org.fedcmdb.changes.ChangeModels")
			.should().dependOnClassesThat().resideInAnyPackage("org.neo4j..")
			.check(classes);
	}

	@Test
	void theConsoleReadsNoDatabase() {
		// its Java side only maps pages and sets headers: its data goes through the public GraphQL API
		noClasses().that().resideInAPackage("org.fedcmdb.console..").should().dependOnClassesThat()
			.resideInAnyPackage("org.neo4j..").check(classes);
	}

}
