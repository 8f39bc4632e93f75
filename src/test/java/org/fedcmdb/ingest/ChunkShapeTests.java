package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chunk's request checked on the token stream ({@link ChunkShape}) against what parsing it into a tree and its
 * entries ({@code SnapshotService.parse}, {@code SnapshotParser.chunk}, as the request did before and the worker does
 * now) answers: the same code when refused, the same item count when accepted. A chunk accepted here and failing at
 * the worker would fail a snapshot the client was told was received.
 */
class ChunkShapeTests {

	private static final int MAX = 3;

	static Stream<String> bodies() {
		String deep = "[".repeat(1_200) + "]".repeat(1_200);
		return Stream.of("", " ", "null", "[]", "[1,2]", "42", "\"items\"", "{}", "{\"items\": null}",
				"{\"items\": []}", "{\"items\": {}}", "{\"items\": 3}", "{\"items\": \"x\"}",
				"{\"relationships\": {\"a\": 1}}", "{\"deletions\": true}",
				"{\"items\": [{\"ref\": \"a\"}, 1, \"b\", null, [[]]]}",
				"{\"items\": [1, 2, 3], \"deletions\": [1]}", "{\"items\": [1, 2], \"deletions\": [1]}",
				"{\"relationships\": [" + "1,".repeat(15) + "1]}", "{\"relationships\": [" + "1,".repeat(14) + "1]}",
				"{\"items\": [1, 2, 3, 4], \"items\": [1]}", "{\"items\": [1], \"items\": {}}",
				"{\"items\": {}, \"relationships\": 2}", "{\"items\": [1,2,3,4], \"relationships\": 2}",
				"{\"items\": [1]", "{\"items\": [1]}}", "{\"items\": [1]} {}", "{\"items\": [1]} x",
				"{\"items\": [01]}", "{\"items\": [1.]}", "{\"items\": [1e999999]}", "{\"items\": [" + "9".repeat(2_000) + "]}",
				"{\"items\": [\"\\u12\"]}", "{\"items\": [\"\\x\"]}", "{\"other\": [\"a\", {\"b\": [true, false]}]}",
				"{\"other\": " + deep + "}", "{'items': []}", "{\"items\": [NaN]}", "{\"items\": [1,]}",
				"{\"items\": [] /* c */}", "\uFEFF{\"items\": []}");
	}

	@ParameterizedTest
	@MethodSource("bodies")
	void agreesWithTheTreeOnHostileBodies(String body) {
		assertAgree(body.getBytes(StandardCharsets.UTF_8));
	}

	@org.junit.jupiter.api.Test
	void agreesOnBytesThatAreNotUtf8InsideAString() {
		for (String[] around : new String[][] { { "{\"items\": [\"", "\"]}" }, { "{\"items\": [{\"a\": [\"", "\"]}]}" },
				{ "{\"other\": {\"a\": \"", "\"}}" } }) {
			agreesOnBytesThatAreNotUtf8(around[0].getBytes(StandardCharsets.UTF_8), around[1].getBytes(StandardCharsets.UTF_8));
		}
	}

	private static void agreesOnBytesThatAreNotUtf8(byte[] head, byte[] tail) {
		for (byte[] bad : new byte[][] { { (byte) 0xC3 }, { (byte) 0xFF, (byte) 0xFE }, { (byte) 0xE2, (byte) 0x82 },
				{ 0x01 } }) {
			byte[] body = new byte[head.length + bad.length + tail.length];
			System.arraycopy(head, 0, body, 0, head.length);
			System.arraycopy(bad, 0, body, head.length, bad.length);
			System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
			assertAgree(body);
			assertThat(outcome(() -> ChunkShape.check(body, MAX).items())).isEqualTo("MALFORMED_JSON");
		}
	}

	@org.junit.jupiter.api.Test
	void countsTheItemsOfAValidChunk() {
		String body = "{\"items\": [{\"ref\": \"a\", \"class\": \"Host\"}, {\"ref\": \"b\"}], \"relationships\": "
				+ "[{\"type\": \"RUNS_ON\", \"from\": \"a\", \"to\": \"b\"}], \"deletions\": []}";
		assertThat(ChunkShape.check(body.getBytes(StandardCharsets.UTF_8), MAX))
			.isEqualTo(new ChunkShape.Counts(2, 1, 0));
	}

	/** The check and the tree parse answer {@code body} alike; {@link ChunkShapeFuzzTests} runs it on arbitrary bytes. */
	static void assertAgree(byte[] body) {
		String tree = outcome(() -> {
			SnapshotModel.Chunk chunk = new SnapshotParser(SnapshotParserFuzzTests.CATALOGUE, SnapshotParserFuzzTests.RULES,
					MAX).chunk(SnapshotService.parse(body));
			return chunk.items().size()
					+ (int) chunk.rejected().stream().filter(r -> r.kind().equals("item")).count();
		});
		String shape = outcome(() -> ChunkShape.check(body, MAX).items());
		assertThat(shape).as("ChunkShape against the tree on %s", new String(body, StandardCharsets.UTF_8))
			.isEqualTo(tree);
	}

	/** The item count, or the refusal's code. */
	private static String outcome(java.util.function.IntSupplier check) {
		try {
			return "items " + check.getAsInt();
		}
		catch (SnapshotException ex) {
			return ex.code();
		}
	}

}
