package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in mapping rules turn labels into look-ups; an override file replaces or adds rules; mistakes are named. */
class AlertMappingTests {

	static final ClassCatalogue CATALOGUE = CatalogueFiles.load();

	final AlertMapping builtIn = AlertMapping.load(List.of(), CATALOGUE);

	@Test
	void anInstanceWithAPortLooksForTheHostThenTheApplicationOnIt() {
		List<AlertMapping.Plan> plans = builtIn.plan(Map.of("instance", "web01.example.com:9100", "job", "node"));
		assertThat(plans).extracting(AlertMapping.Plan::rule).containsExactly("instance", "job");
		AlertMapping.Plan instance = plans.get(0);
		assertThat(instance.find()).extracting(AlertMapping.Lookup::by).containsExactly("fqdn", "name", "ipAddresses", "ipAddresses");
		assertThat(instance.find()).extracting(AlertMapping.Lookup::value).containsOnly("web01.example.com");
		assertThat(instance.refine().value()).isEqualTo("9100");
		assertThat(builtIn.plan(Map.of("instance", "[2001:db8::1]:9100")).get(0).find().get(0).value()).isEqualTo("2001:db8::1");
		assertThat(builtIn.plan(Map.of("instance", "10.0.0.5")).get(0).refine()).isNull();
	}

	@Test
	void aPodNeedsItsNamespaceAndACmdbCiLabelComesFirst() {
		assertThat(builtIn.plan(Map.of("pod", "api-1"))).isEmpty();
		AlertMapping.Plan pod = builtIn.plan(Map.of("pod", "api-1", "namespace", "shop")).get(0);
		assertThat(pod.find().get(0).where()).containsEntry("namespace", "shop");
		assertThat(builtIn.plan(Map.of("cmdb_ci", "abc", "pod", "p", "namespace", "n")).get(0).rule()).isEqualTo("cmdb-ci");
	}

	@Test
	void anOverrideFileReplacesByNameAndAddsNewRulesFirst(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("mapping.yml");
		Files.writeString(f, """
				rules:
				  - name: job
				    match: { job: "(?<svc>.+)-exporter" }
				    find: [ { class: ApplicationService, by: name, value: "${svc}" } ]
				  - name: zabbix-host
				    match: { host: ".+" }
				    find: [ { class: Host, by: name, value: "${host}" } ]
				""");
		AlertMapping m = AlertMapping.load(List.of("file:" + f), CATALOGUE);
		assertThat(m.ruleNames()).startsWith("zabbix-host").contains("job", "instance");
		assertThat(m.plan(Map.of("job", "billing-exporter")).get(0).find().get(0).value()).isEqualTo("billing");
		assertThat(m.plan(Map.of("job", "billing"))).isEmpty();
	}

	@Test
	void mistakesNameTheFileAndTheRule(@TempDir Path dir) throws Exception {
		Path f = dir.resolve("bad.yml");
		Files.writeString(f, "rules:\n  - name: x\n    match: { a: \"(\" }\n    find: [ { by: name, value: v } ]\n");
		assertThatThrownBy(() -> AlertMapping.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("bad.yml")
			.hasMessageContaining("rule 'x'");
		Files.writeString(f, "rules:\n  - name: y\n    match: { a: b }\n    find: [ { class: Toaster, by: name, value: v } ]\n");
		assertThatThrownBy(() -> AlertMapping.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("unknown class 'Toaster'");
		Files.writeString(f, "rules:\n  - name: z\n    match: { a: b }\n    find: [ { by: colour, value: v } ]\n");
		assertThatThrownBy(() -> AlertMapping.load(List.of("file:" + f), CATALOGUE)).hasMessageContaining("by: colour");
	}

}
