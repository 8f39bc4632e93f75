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

	/** The written-out ref check answers as the pattern it replaces, on refs near the length limit and odd text. */
	@Test
	void aRefIsCheckedAsThePatternSays() {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(19);
		String[] alphabets = { "ab-_:./ ", "a\u00e9\u4e2d\u00a0\u0085", "a\ud83d\ude00", "a\ud800\udc00\udfff", "a\u0000\u001f\u007f\t" };
		int accepted = 0;
		for (int i = 0; i < 5_000; i++) {
			String alphabet = alphabets[rnd.nextInt(alphabets.length)];
			StringBuilder b = new StringBuilder();
			int length = rnd.nextInt(3) == 0 ? rnd.nextInt(5) : 190 + rnd.nextInt(230);
			for (int c = 0; c < length; c++) {
				b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
			}
			String ref = b.toString();
			boolean expected = EntryValues.REF.matcher(ref).matches();
			assertThat(EntryValues.isRef(ref)).as("%s (%d chars, %d code points)", ref, ref.length(),
					ref.codePointCount(0, ref.length())).isEqualTo(expected);
			accepted += expected ? 1 : 0;
		}
		assertThat(accepted).as("both answers occur").isBetween(500, 4_500);
	}

	/** The written-out attribute name check answers as the pattern it replaces. */
	@Test
	void anAttributeNameIsCheckedAsThePatternSays() {
		java.util.SplittableRandom rnd = new java.util.SplittableRandom(23);
		String alphabet = "aZ_.-09\u00e9 /A\u0000z";
		int accepted = 0;
		for (int i = 0; i < 5_000; i++) {
			StringBuilder b = new StringBuilder();
			int length = rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 95 + rnd.nextInt(10);
			for (int c = 0; c < length; c++) {
				// mostly valid characters, so that long valid names occur
				b.append(rnd.nextInt(60) == 0 ? alphabet.charAt(7 + rnd.nextInt(alphabet.length() - 7))
						: alphabet.charAt(rnd.nextInt(7)));
			}
			String name = b.toString();
			boolean expected = SnapshotParser.ATTRIBUTE.matcher(name).matches();
			assertThat(EntryValues.isAttributeName(name)).as("'%s' (%d chars)", name, name.length()).isEqualTo(expected);
			accepted += expected ? 1 : 0;
		}
		assertThat(accepted).as("both answers occur").isBetween(500, 4_500);
	}

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
