package org.fedcmdb.identification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.junit.jupiter.api.Test;

/** Identification as pure logic: records against a small in-memory "database" of candidates. */
class IdentifierTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	final Identifier identifier = new Identifier(catalogue, 10);

	final Map<String, Set<String>> index = new HashMap<>();

	final Map<String, Candidate> candidates = new HashMap<>();

	/** Stores a CI in the in-memory index the way ingestion stores its identity keys. */
	void store(String id, String className, long firstSeen, Map<String, ?> ids) {
		store(id, className, firstSeen, ids, null);
	}

	void store(String id, String className, long firstSeen, Map<String, ?> ids, String scope) {
		Identity identity = Identity.of(catalogue, className, ids, scope);
		identity.allKeys().forEach(k -> index.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(id));
		candidates.put(id, new Candidate(id, className, firstSeen, identity.scope(), identity.identifiers()));
	}

	Decision decide(String className, Map<String, ?> ids) {
		return decide(className, ids, null);
	}

	Decision decide(String className, Map<String, ?> ids, String scope) {
		Identity identity = Identity.of(catalogue, className, ids, scope);
		Map<String, Set<String>> matches = new HashMap<>();
		identity.allKeys().forEach(k -> {
			if (index.containsKey(k)) {
				matches.put(k, index.get(k));
			}
		});
		return identifier.decide(identity, matches, candidates, Set.of());
	}

	@Test
	void threeSourcesWithDifferentIdentifierSubsetsAreOneHost() {
		store("h1", "Server", 1, Map.of("serialNumber", "VMW-42", "fqdn", "db1.corp.example"));
		// nmap: MAC and IP only, different notation; matches through... nothing yet, so it would be new
		Decision byFqdn = decide("VirtualMachine", Map.of("fqdn", "DB1.CORP.EXAMPLE.", "macAddresses", List.of("00-50-56-AA-BB-CC")));
		assertThat(byFqdn.kind()).isEqualTo(Decision.Kind.MATCH);
		assertThat(byFqdn.ciId()).isEqualTo("h1");
		assertThat(byFqdn.decidedBy()).isEqualTo("fqdn");
	}

	@Test
	void subclassRecordsMatchTheParentClassFamily() {
		store("h1", "Host", 1, Map.of("serialNumber", "ABC"));
		assertThat(decide("Server", Map.of("serialNumber", "abc")).ciId()).isEqualTo("h1");
		assertThat(decide("Hypervisor", Map.of("serialNumber", "ABC ")).ciId()).isEqualTo("h1");
	}

	@Test
	void unrelatedClassesNeverMatch() {
		store("a1", "Application", 1, Map.of("name", "db1"));
		assertThat(decide("Server", Map.of("name", "db1", "ipAddresses", List.of("10.0.0.1"))).kind())
			.isEqualTo(Decision.Kind.NEW);
	}

	@Test
	void aHigherPrioritySerialThatDiffersVetoesAnFqdnMatch() {
		// The FQDN was reused by a rebuilt machine: another serial, another CI.
		store("old", "Server", 1, Map.of("serialNumber", "OLD-1", "fqdn", "app.corp.example"));
		Decision d = decide("Server", Map.of("serialNumber", "NEW-2", "fqdn", "app.corp.example"));
		assertThat(d.kind()).isEqualTo(Decision.Kind.NEW);
	}

	@Test
	void aRecordProvingTwoCisAreOneMergesThemIntoTheOldest() {
		store("bySerial", "Server", 200, Map.of("serialNumber", "S-1"));
		store("byMac", "Server", 100, Map.of("macAddresses", List.of("00:50:56:00:00:01")));
		Decision d = decide("Server", Map.of("serialNumber", "S-1", "macAddresses", List.of("005056000001")));
		assertThat(d.kind()).isEqualTo(Decision.Kind.MERGE);
		assertThat(d.ciId()).isEqualTo("bySerial");
		assertThat(d.merge()).containsExactly("byMac");
	}

	@Test
	void duplicatesFoundByOneSetMergeIntoTheOldest() {
		store("young", "Server", 300, Map.of("fqdn", "x.example"));
		store("old", "Server", 100, Map.of("fqdn", "x.example"));
		Decision d = decide("Server", Map.of("fqdn", "x.example"));
		assertThat(d.kind()).isEqualTo(Decision.Kind.MERGE);
		assertThat(d.ciId()).isEqualTo("old");
		assertThat(d.merge()).containsExactly("young");
	}

	@Test
	void duplicatesThatConflictAreRefusedNotMerged() {
		store("a", "Server", 1, Map.of("serialNumber", "A", "fqdn", "x.example"));
		store("b", "Server", 2, Map.of("serialNumber", "B", "fqdn", "x.example"));
		Decision d = decide("Server", Map.of("fqdn", "x.example"));
		assertThat(d.kind()).isEqualTo(Decision.Kind.MULTI_MATCH);
		assertThat(d.message()).contains("differ");
	}

	@Test
	void anIdentifierMatchingTooManyCisIsRefused() {
		for (int i = 0; i < 20; i++) {
			store("h" + i, "Server", i, Map.of("macAddresses", List.of("00:50:56:00:00:99")));
		}
		Decision d = decide("Server", Map.of("macAddresses", List.of("00:50:56:00:00:99")));
		assertThat(d.kind()).isEqualTo(Decision.Kind.MULTI_MATCH);
		assertThat(d.message()).contains("20 CIs");
	}

	@Test
	void dependentClassesAreIdentifiedInsideTheirParent() {
		store("pgOnA", "DatabaseInstance", 1, Map.of("name", "main", "port", 5432), "hostA");
		assertThat(decide("DatabaseInstance", Map.of("name", "main", "port", 5432), "hostA").ciId()).isEqualTo("pgOnA");
		assertThat(decide("DatabaseInstance", Map.of("name", "main", "port", 5432), "hostB").kind())
			.isEqualTo(Decision.Kind.NEW);
	}

	@Test
	void nameAndIpMatchNeedsBothAndAnyIp() {
		store("h", "Server", 1, Map.of("name", "web1", "ipAddresses", List.of("10.0.0.1", "10.0.0.2")));
		assertThat(decide("Server", Map.of("name", "WEB1", "ipAddresses", List.of("10.0.0.2"))).ciId()).isEqualTo("h");
		assertThat(decide("Server", Map.of("name", "web1", "ipAddresses", List.of("10.0.0.3"))).kind())
			.isEqualTo(Decision.Kind.NEW);
		assertThat(decide("Server", Map.of("name", "web2", "ipAddresses", List.of("10.0.0.1"))).kind())
			.isEqualTo(Decision.Kind.NEW);
	}

	@Test
	void aMachineKnownToHaveAPlaceholderSerialIsNotTheOneOfARecordWithARealSerialAndAReusedName() {
		store("a", "Server", 1, Map.of("serialNumber", "To Be Filled By O.E.M.", "fqdn", "a.example",
				"macAddresses", List.of("02:00:00:00:00:0a")));
		assertThat(candidates.get("a").identifiers().get("serialNumber")).containsExactly(Identity.PLACEHOLDER);
		// the spreadsheet still lists the machine the FQDN belonged to before a rebuild
		assertThat(decide("Server", Map.of("fqdn", "A.example.", "serialNumber", "OLD-1")).kind())
			.isEqualTo(Decision.Kind.NEW);
		// a record that does not know the serial, or only the placeholder, still matches by FQDN or MAC
		assertThat(decide("Server", Map.of("fqdn", "a.example")).ciId()).isEqualTo("a");
		assertThat(decide("Server", Map.of("serialNumber", "Default string", "macAddresses", List.of("02-00-00-00-00-0A")))
			.ciId()).isEqualTo("a");
	}

	@Test
	void aPlaceholderOnTheRecordDoesNotVetoACiWithARealSerial() {
		store("p", "Server", 1, Map.of("serialNumber", "SN-77", "biosUuid", "4c4c4544-0031-3210-8052-b4c04f4d3232"));
		Decision d = decide("Server", Map.of("serialNumber", "To Be Filled By O.E.M.", "biosUuid",
				"4C4C4544-0031-3210-8052-B4C04F4D3232"));
		assertThat(d.kind()).isEqualTo(Decision.Kind.MATCH);
		assertThat(d.ciId()).isEqualTo("p");
	}

	@Test
	void placeholderSerialsDoNotMatchEverything() {
		store("a", "Server", 1, Map.of("serialNumber", "To Be Filled By O.E.M.", "fqdn", "a.example"));
		Decision d = decide("Server", Map.of("serialNumber", "To Be Filled By O.E.M.", "fqdn", "b.example"));
		assertThat(d.kind()).isEqualTo(Decision.Kind.NEW);
	}

	@Test
	void aRecordsIdentityKeysComeSetBySetInRuleOrderAndCannotBeChangedByAnAsker() {
		Identity one = Identity.of(catalogue, "DatabaseInstance", Map.of("uid", "db-1"), null);
		assertThat(one.allKeys()).containsExactly(one.keySets().get(0).keys().get(0));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> one.allKeys().add("x"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(one.keySets().get(0).keys()).hasSize(1);
		Identity three = Identity.of(catalogue, "DatabaseInstance",
				Map.of("uid", "db-1", "name", "orders", "port", "5432", "sysId", "0123456789abcdef0123456789abcdef"), null);
		assertThat(three.allKeys()).hasSize(3).containsExactly(three.keySets().get(0).keys().get(0),
				three.keySets().get(1).keys().get(0), three.keySets().get(2).keys().get(0));
		assertThat(three.allKeys().get(1)).contains("name+port");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> three.allKeys().clear())
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(Identity.of(catalogue, "DatabaseInstance", Map.of("port", "5432"), null).allKeys()).isEmpty();
	}

}
