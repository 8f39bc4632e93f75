package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.reconciliation.SourceDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The snapshot parser on arbitrary bytes: whatever parses as JSON is read into a snapshot or refused with a coded
 * {@link SnapshotException}; nothing else may escape (an escaping exception is a 500 for a client). Seeds are real
 * snapshots (resources under SnapshotParserFuzzTestsInputs); fuzz with {@code ./mvnw -Pfuzz test -Dtest=SnapshotParserFuzzTests}.
 */
class SnapshotParserFuzzTests {

	static final ClassCatalogue CATALOGUE = CatalogueFiles.load();

	static final RulesConfig RULES = new RulesConfig(List.of(
			new SourceDefinition("declared", Duration.ofDays(3650), true, List.of(), null),
			new SourceDefinition("sample", Duration.ofDays(3650), true, List.of(), null),
			new SourceDefinition("nmap*", Duration.ofDays(7), true, List.of("BusinessService"), null)), List.of(),
			Duration.ofDays(30), 0.5, Set.copyOf(CATALOGUE.names()));

	static final SnapshotParser PARSER = new SnapshotParser(CATALOGUE, RULES, 1_000);

	@FuzzTest(maxDuration = "2m")
	void aSnapshotIsReadOrRefusedWithACode(byte[] input) {
		JsonNode body;
		try {
			body = Json.MAPPER.readTree(input);
		}
		catch (JacksonException notJson) {
			return; // the controller answers MALFORMED_JSON before the parser sees it
		}
		if (body == null) {
			return;
		}
		try {
			PARSER.envelope(body, System.currentTimeMillis());
			PARSER.chunk(body);
		}
		catch (SnapshotException refused) {
			assertThat(refused.code()).matches("[A-Z_]+");
		}
	}

}
