package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identity;
import org.junit.jupiter.api.Test;

/**
 * What the parser keeps of an item for the worker: the identity it computed, for a class identified globally (the same
 * keys the worker would compute), not for a scoped one (identified inside the CI it is placed on, known only to the
 * worker); an item's equality does not depend on it.
 */
class SnapshotParserTests {

	static final SnapshotParser PARSER = SnapshotParserFuzzTests.PARSER;

	@Test
	void aGloballyIdentifiedItemKeepsTheIdentityTheWorkerWouldCompute() {
		SnapshotModel.Item server = PARSER.item(0, Json.MAPPER.readTree(
				"{\"ref\":\"h\",\"class\":\"Server\",\"identifiers\":{\"serialNumber\":\"VMW-1\",\"fqdn\":\"H.Example\"}}"));
		assertThat(server.identity()).isNotNull();
		assertThat(server.identity()).isEqualTo(
				Identity.of(SnapshotParserFuzzTests.CATALOGUE, "Server", server.identifiers(), null));
		assertThat(server.identity().allKeys()).isNotEmpty();
	}

	@Test
	void aScopedItemLeavesItsIdentityToTheWorker() {
		SnapshotModel.Item app = PARSER.item(0, Json.MAPPER.readTree(
				"{\"ref\":\"a\",\"class\":\"Application\",\"identifiers\":{\"name\":\"billing\"}}"));
		assertThat(app.identity()).isNull();
	}

	@Test
	void anItemsEqualityIgnoresTheParsedIdentity() {
		SnapshotModel.Item parsed = PARSER.item(3, Json.MAPPER.readTree(
				"{\"ref\":\"h\",\"class\":\"Server\",\"identifiers\":{\"serialNumber\":\"VMW-2\"},\"attributes\":{\"os\":\"x\"}}"));
		SnapshotModel.Item plain = new SnapshotModel.Item(parsed.index(), parsed.ref(), parsed.className(),
				parsed.identifiers(), parsed.attributes(), parsed.hash());
		assertThat(plain).isEqualTo(parsed).hasSameHashCodeAs(parsed);
		assertThat(new SnapshotModel.Item(4, "h", "Server", Map.of(), Map.of(), parsed.hash())).isNotEqualTo(parsed);
	}

}
