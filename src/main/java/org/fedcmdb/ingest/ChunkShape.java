package org.fedcmdb.ingest;

import org.fedcmdb.graph.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A chunk's request body checked as the request is answered, without building its entries: the JSON read to its end
 * (every string and number decoded, as a tree's would be, so that what the worker parses later cannot fail where this
 * passed), {@code items}, {@code relationships} and {@code deletions} absent, null or arrays, within the chunk's
 * limits, and counted. Refuses what {@code SnapshotParser.chunk(SnapshotService.parse(body))} refuses, with the same
 * codes ({@code ChunkShapeTests} holds the two side by side on hostile bodies); the entries are parsed once, by the
 * worker from the stored payload ({@link ChunkPrefetch}, ahead of the chunk before it). Parsing them on the request
 * too, and again on the worker for every chunk beyond {@link ParsedChunks}' budget, was two parses of most chunks of a
 * large upload. Written on Jackson's token stream rather than its tree because the tree is what it avoids building.
 */
final class ChunkShape {

	/** The entries of a chunk, counted. */
	record Counts(int items, int relationships, int deletions) {
	}

	private ChunkShape() {
	}

	/** The body's entries counted; a {@link SnapshotException} when the request is refused as a whole. */
	static Counts check(byte[] body, int maxItems) {
		if (body == null || body.length == 0) {
			throw SnapshotException.emptyBody();
		}
		int[] counts = new int[3];
		boolean[] invalid = new boolean[3];
		try (JsonParser p = Json.MAPPER.createParser(body)) {
			JsonToken root = p.nextToken();
			if (root == JsonToken.START_OBJECT) {
				readFields(p, counts, invalid);
			}
			else if (root != null) {
				consume(p); // not an object: no entries, as the tree's fields of a scalar or array are none
			}
			if (root != null && p.nextToken() != null) {
				throw new SnapshotException(400, "MALFORMED_JSON",
						"The body is not valid JSON: trailing content after the top-level value");
			}
		}
		catch (JacksonException ex) {
			throw SnapshotException.malformed(ex);
		}
		return limited(counts, invalid, maxItems);
	}

	private static final java.util.List<String> ENTRY_ARRAYS = java.util.List.of("items", "relationships", "deletions");

	/** The root object's fields: an entry array counted (the last of a repeated name counts, as in a tree). */
	private static void readFields(JsonParser p, int[] counts, boolean[] invalid) {
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			int field = ENTRY_ARRAYS.indexOf(p.currentName());
			JsonToken value = p.nextToken();
			if (field < 0) {
				consume(p);
				continue;
			}
			invalid[field] = value != JsonToken.START_ARRAY && value != JsonToken.VALUE_NULL;
			counts[field] = value == JsonToken.START_ARRAY ? countElements(p) : 0;
			if (invalid[field]) {
				consume(p);
			}
		}
	}

	private static int countElements(JsonParser p) {
		int n = 0;
		while (p.nextToken() != JsonToken.END_ARRAY) {
			consume(p);
			n++;
		}
		return n;
	}

	/** The current value read to its end, each scalar decoded. */
	private static void consume(JsonParser p) {
		JsonToken t = p.currentToken();
		if (!t.isStructStart()) {
			p.finishToken();
			return;
		}
		int depth = 1;
		while (depth > 0) {
			t = p.nextToken();
			if (t.isStructStart()) {
				depth++;
			}
			else if (t.isStructEnd()) {
				depth--;
			}
			else {
				p.finishToken();
			}
		}
	}

	/** The chunk's limits, checked in {@code SnapshotParser.chunk}'s order. */
	private static Counts limited(int[] counts, boolean[] invalid, int maxItems) {
		for (int i = 0; i < ENTRY_ARRAYS.size(); i++) {
			if (invalid[i]) {
				throw new SnapshotException(400, "INVALID_ENVELOPE", "'" + ENTRY_ARRAYS.get(i) + "' must be an array");
			}
		}
		SnapshotParser.checkLimits(counts[0] + counts[2], counts[1], maxItems);
		return new Counts(counts[0], counts[1], counts[2]);
	}

}
