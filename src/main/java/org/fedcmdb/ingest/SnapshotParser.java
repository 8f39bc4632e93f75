package org.fedcmdb.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identity;
import org.fedcmdb.reconciliation.RulesConfig;
import tools.jackson.databind.JsonNode;

/**
 * Turns a snapshot body into checked records. An envelope error refuses the whole request (nothing is written); an
 * item or relationship error rejects that entry alone with a code, so that everything valid in the payload still
 * commits ("better to fail one record than to add malformed data, and never to lose the valid ones").
 */
final class SnapshotParser {

	static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

	static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,99}");

	static final int MAX_STRING = 10_000;

	private final ClassCatalogue catalogue;

	private final RulesConfig rules;

	private final int maxItems;

	SnapshotParser(ClassCatalogue catalogue, RulesConfig rules, int maxItems) {
		this.catalogue = catalogue;
		this.rules = rules;
		this.maxItems = maxItems;
	}

	/** The snapshot's envelope, checked ({@link EnvelopeParser}): a problem refuses the whole request. */
	SnapshotModel.Envelope envelope(JsonNode body, long now) {
		return new EnvelopeParser(rules).parse(body, now);
	}

	/** Parses the entries of one chunk; per-entry problems become REJECTED results, never exceptions. */
	SnapshotModel.Chunk chunk(JsonNode body) {
		JsonNode items = array(body, "items");
		JsonNode rels = array(body, "relationships");
		JsonNode dels = array(body, "deletions");
		checkLimits(items.size() + dels.size(), rels.size(), maxItems);
		List<SnapshotModel.Result> rejected = new ArrayList<>();
		List<SnapshotModel.Item> parsed = new ArrayList<>();
		Set<String> refs = new HashSet<>();
		for (int i = 0; i < items.size(); i++) {
			try {
				SnapshotModel.Item item = item(i, items.get(i));
				if (!refs.add(item.ref())) {
					throw new Reject("DUPLICATE_REF", "ref '" + item.ref() + "' is used by an earlier item of this chunk");
				}
				parsed.add(item);
			}
			catch (Reject r) {
				rejected.add(SnapshotModel.Result.rejectItem(i, refOf(items.get(i)), r.code, r.getMessage()));
			}
		}
		List<SnapshotModel.Relationship> relationships = new ArrayList<>();
		for (int i = 0; i < rels.size(); i++) {
			try {
				relationships.add(relationship(i, rels.get(i)));
			}
			catch (Reject r) {
				rejected.add(SnapshotModel.Result.rel(i, SnapshotModel.Operation.REJECTED, r.code, r.getMessage()));
			}
		}
		relationships = rejectPlacementCycles(relationships, rejected);
		List<SnapshotModel.Deletion> deletions = new ArrayList<>();
		for (int i = 0; i < dels.size(); i++) {
			try {
				deletions.add(new SnapshotModel.Deletion(i, endpoint(dels.get(i), "deletion")));
			}
			catch (Reject r) {
				rejected.add(new SnapshotModel.Result("deletion", 0, i, null, SnapshotModel.Operation.REJECTED, null,
						r.code, r.getMessage()));
			}
		}
		return new SnapshotModel.Chunk(parsed, relationships, deletions, rejected);
	}

	/** A chunk's request checked as a whole without parsing its entries ({@link ChunkShape}), within this limit. */
	ChunkShape.Counts shape(byte[] body) {
		return ChunkShape.check(body, maxItems);
	}

	/** A chunk's limits: at most {@code maxItems} items and deletions, five times as many relationships. */
	static void checkLimits(int itemsAndDeletions, int relationships, int maxItems) {
		if (itemsAndDeletions > maxItems) {
			throw new SnapshotException(413, "TOO_MANY_ITEMS", "A chunk holds at most " + maxItems
					+ " items; this one has " + itemsAndDeletions + ". Open a chunked snapshot and send several chunks.");
		}
		if (relationships > maxItems * 5) {
			throw new SnapshotException(413, "TOO_MANY_RELATIONSHIPS",
					"A chunk holds at most " + maxItems * 5 + " relationships; this one has " + relationships);
		}
	}

	/**
	 * RUNS_ON and HOSTED_ON say where something is placed, so a cycle of them (a VM that runs on a host that runs on
	 * the VM) is a broken record, unlike a DEPENDS_ON cycle, which real estates have. Every placement edge of a
	 * strongly connected component is rejected; the rest of the chunk is applied.
	 */
	static List<SnapshotModel.Relationship> rejectPlacementCycles(List<SnapshotModel.Relationship> relationships,
			List<SnapshotModel.Result> rejected) {
		Map<String, List<String>> out = new HashMap<>();
		for (SnapshotModel.Relationship r : relationships) {
			if (isPlacement(r)) {
				out.computeIfAbsent(r.from().ref(), k -> new ArrayList<>()).add(r.to().ref());
			}
		}
		if (out.isEmpty()) {
			return relationships;
		}
		Map<String, Integer> component = StronglyConnected.components(out);
		List<SnapshotModel.Relationship> kept = new ArrayList<>(relationships.size());
		for (SnapshotModel.Relationship r : relationships) {
			Integer c = isPlacement(r) ? component.get(r.from().ref()) : null;
			if (c != null && c.equals(component.get(r.to().ref()))) {
				rejected.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.REJECTED, "PLACEMENT_CYCLE",
						r.type() + " from " + r.from().ref() + " to " + r.to().ref()
								+ " closes a cycle of RUNS_ON/HOSTED_ON relationships; a CI cannot be placed on itself"));
			}
			else {
				kept.add(r);
			}
		}
		return kept;
	}

	private static boolean isPlacement(SnapshotModel.Relationship r) {
		return (r.type().equals("RUNS_ON") || r.type().equals("HOSTED_ON")) && r.from().isRef() && r.to().isRef();
	}

	private static JsonNode array(JsonNode body, String field) {
		JsonNode n = body.get(field);
		if (n == null || n.isNull()) {
			return Json.MAPPER.createArrayNode();
		}
		if (!n.isArray()) {
			throw new SnapshotException(400, "INVALID_ENVELOPE", "'" + field + "' must be an array");
		}
		return n;
	}

	private static String refOf(JsonNode n) {
		JsonNode r = n == null ? null : n.get("ref");
		return r != null && r.isString() ? r.stringValue() : null;
	}

	SnapshotModel.Item item(int index, JsonNode n) {
		if (n == null || !n.isObject()) {
			throw new Reject("INVALID_ITEM", "an item must be a JSON object");
		}
		String ref = "#" + index;
		JsonNode r = n.get("ref");
		if (r != null && !r.isNull()) {
			if (!r.isString() || !EntryValues.isRef(r.stringValue())) {
				throw new Reject("INVALID_REF", "'ref' must be a string of 1-200 printable characters");
			}
			ref = r.stringValue();
		}
		String className = className(n.get("class"));
		Map<String, Object> identifiers = EntryValues.identifiers(n.get("identifiers"));
		Identity identity;
		try {
			identity = Identity.of(catalogue, className, identifiers, "scope");
		}
		catch (IllegalArgumentException ex) {
			throw new Reject("INVALID_IDENTIFIER", ex.getMessage());
		}
		if (identity.keySets().stream().noneMatch(Identity.KeySet::applicable)) {
			throw new Reject("MISSING_IDENTIFIERS", "class " + className + " is identified by one of "
					+ catalogue.get(className).identification() + "; this item has "
					+ (identity.identifiers().isEmpty() ? "no usable identifier" : identity.identifiers().keySet()));
		}
		Map<String, Object> attributes = EntryValues.attributes(n.get("attributes"));
		if (!attributes.containsKey("name") && identifiers.get("name") instanceof String raw && !raw.isBlank()) {
			// the display name keeps the reporter's spelling; identification uses the normalised form
			attributes.put("name", raw.strip());
		}
		return new SnapshotModel.Item(index, ref, className, identifiers, attributes,
				hash(className, identity.identifiers(), attributes), catalogue.get(className).isScoped() ? null : identity);
	}

	private String className(JsonNode c) {
		if (c == null || !c.isString()) {
			throw new Reject("MISSING_CLASS", "'class' is required");
		}
		if (!catalogue.contains(c.stringValue())) {
			throw new Reject("UNKNOWN_CLASS", "class '" + printable(c.stringValue()) + "' is not in the class catalogue");
		}
		return c.stringValue();
	}

	SnapshotModel.Relationship relationship(int index, JsonNode n) {
		if (n == null || !n.isObject()) {
			throw new Reject("INVALID_RELATIONSHIP", "a relationship must be a JSON object");
		}
		JsonNode t = n.get("type");
		if (t == null || !t.isString() || !ClassCatalogue.RELATIONSHIP_TYPES.contains(t.stringValue())) {
			throw new Reject("UNKNOWN_RELATIONSHIP_TYPE", "'type' must be one of "
					+ new java.util.TreeSet<>(ClassCatalogue.RELATIONSHIP_TYPES)
					+ (t != null && t.isString() ? ", not '" + printable(t.stringValue()) + "'" : ""));
		}
		SnapshotModel.Endpoint from = endpoint(n.get("from"), "from");
		SnapshotModel.Endpoint to = endpoint(n.get("to"), "to");
		if (from.isRef() && to.isRef() && from.ref().equals(to.ref())) {
			throw new Reject("SELF_LOOP", "a CI cannot " + t.stringValue() + " itself (ref " + from.ref() + ")");
		}
		return new SnapshotModel.Relationship(index, t.stringValue(), from, to);
	}

	private SnapshotModel.Endpoint endpoint(JsonNode n, String what) {
		if (n != null && n.isString()) {
			if (!EntryValues.isRef(n.stringValue())) {
				throw new Reject("INVALID_REF", "'" + what + "' ref must be 1-200 printable characters");
			}
			return new SnapshotModel.Endpoint(n.stringValue(), null, null);
		}
		if (n != null && n.isObject()) {
			JsonNode ref = n.get("ref");
			if (ref != null && ref.isString()) {
				return endpoint(ref, what);
			}
			String className = className(n.get("class"));
			Map<String, Object> ids = EntryValues.identifiers(n.get("identifiers"));
			try {
				Identity identity = Identity.of(catalogue, className, ids, null);
				if (identity.allKeys().isEmpty()) {
					throw new Reject("MISSING_IDENTIFIERS",
							"'" + what + "' look-up has no complete identifier set of class " + className);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new Reject("INVALID_IDENTIFIER", ex.getMessage());
			}
			return new SnapshotModel.Endpoint(null, className, ids);
		}
		throw new Reject("INVALID_RELATIONSHIP",
				"'" + what + "' must be a ref string or a {class, identifiers} look-up");
	}

	static String hash(String className, Map<String, List<String>> identifiers, Map<String, Object> attributes) {
		Map<String, Object> canonical = new TreeMap<>();
		canonical.put("c", className);
		canonical.put("i", identifiers);
		canonical.put("a", attributes);
		byte[] digest = SHA_256.get().digest(Json.write(canonical).getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest, 0, 16);
	}

	/** A digest per thread, instead of looking the algorithm up in the security providers for every item. */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	});

	static String printable(String s) {
		String p = s.replaceAll("\\p{Cntrl}", "?");
		return p.length() > 80 ? p.substring(0, 80) + "..." : p;
	}

	/** An entry-level rejection. */
	static final class Reject extends RuntimeException {

		final String code;

		Reject(String code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

	}

}
