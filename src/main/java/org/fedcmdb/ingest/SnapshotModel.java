package org.fedcmdb.ingest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The v1 snapshot contract as parsed: envelope, items, relationships, deletions, and per-entry results. */
final class SnapshotModel {

	private SnapshotModel() {
	}

	enum Mode {
		FULL, DELTA
	}

	/** Envelope fields that apply to the whole snapshot (and to every chunk of a chunked one). */
	record Envelope(String source, String scope, Mode mode, boolean complete, boolean force, long collectedAt) {
	}

	/** A relationship endpoint: a ref of an item of the same snapshot, or a look-up of a CI reported by anyone. */
	record Endpoint(String ref, String className, Map<String, Object> identifiers) {
		boolean isRef() {
			return ref != null;
		}

		String describe() {
			return ref != null ? "ref " + ref : className + " " + identifiers;
		}
	}

	/**
	 * @param identity the item's identity as parsed, for a class identified globally (its keys do not depend on the
	 * CI it is scoped in, so the worker need not compute them again); null for a scoped class or when not parsed
	 */
	record Item(int index, String ref, String className, Map<String, Object> identifiers,
			Map<String, Object> attributes, String hash, org.fedcmdb.identification.Identity identity) {

		Item(int index, String ref, String className, Map<String, Object> identifiers, Map<String, Object> attributes,
				String hash) {
			this(index, ref, className, identifiers, attributes, hash, null);
		}

		/** The record's equality without the parsed identity (derived from the other fields). */
		@Override
		public boolean equals(Object o) {
			return o instanceof Item i && index == i.index && ref.equals(i.ref) && className.equals(i.className)
					&& identifiers.equals(i.identifiers) && attributes.equals(i.attributes)
					&& java.util.Objects.equals(hash, i.hash);
		}

		/**
		 * Items are the keys of a chunk's maps (identities, targets, scopes): the record's own hashCode hashed every
		 * identifier and attribute on each access, and hashing its ref, class and content hash still hashed three
		 * strings new with each parsed chunk (4% of an unchanged re-send's worker in a profile). The index is the
		 * item's position in its chunk, and equal items have equal indexes; equals stays the record's.
		 */
		@Override
		public int hashCode() {
			return Integer.hashCode(index);
		}
	}

	record Relationship(int index, String type, Endpoint from, Endpoint to) {
	}

	/** A deletion of a DELTA snapshot: a ref of an earlier snapshot of the source, or an identifier set. */
	record Deletion(int index, Endpoint target) {
	}

	/** @param slots the chunk's refs numbered ({@link RefSlots}), when it is made: on the thread that parses it */
	record Chunk(List<Item> items, List<Relationship> relationships, List<Deletion> deletions, List<Result> rejected,
			RefSlots slots) {

		Chunk(List<Item> items, List<Relationship> relationships, List<Deletion> deletions, List<Result> rejected) {
			this(items, relationships, deletions, rejected, RefSlots.of(items, relationships));
		}

	}

	enum Operation {
		INSERT, UPDATE, NO_CHANGE, MERGED, PENDING, REJECTED, CREATED, DELETED, WITHDRAWN
	}

	/**
	 * The outcome of one entry. {@code kind} is item, relationship or deletion; {@code index} its position in its
	 * chunk's array, {@code chunk} the chunk's sequence number. An entry that waited (PENDING) has
	 * {@code pendingSince}; when it resolves later (its ref arrived in a later chunk, its look-up target or its
	 * inserting source appeared), the entry is replaced by what finally happened, with {@code resolvedAt} and
	 * {@code resolvedBy} (the snapshot whose data resolved it) and, for a relationship, its identity.
	 */
	record Result(String kind, int chunk, int index, String ref, Operation operation, String ciId, String code,
			String message, @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> relationship,
			@JsonInclude(JsonInclude.Include.NON_NULL) String pendingSince,
			@JsonInclude(JsonInclude.Include.NON_NULL) String resolvedAt,
			@JsonInclude(JsonInclude.Include.NON_NULL) String resolvedBy) {

		Result(String kind, int chunk, int index, String ref, Operation operation, String ciId, String code,
				String message) {
			this(kind, chunk, index, ref, operation, ciId, code, message, null, null, null, null);
		}

		/** The same entry, waiting since {@code at}. */
		Result pendingSince(long at) {
			return new Result(kind, chunk, index, ref, operation, ciId, code, message, relationship,
					java.time.Instant.ofEpochMilli(at).toString(), resolvedAt, resolvedBy);
		}

		/** What a waiting entry finally became. */
		Result resolved(Operation op, String ciId, String code, String message, Map<String, Object> relationship,
				long since, long at, String bySnapshot) {
			return new Result(kind, chunk, index, ref, op, ciId, code, message, relationship,
					since <= 0 ? null : java.time.Instant.ofEpochMilli(since).toString(),
					java.time.Instant.ofEpochMilli(at).toString(), bySnapshot);
		}

		static Result item(int index, String ref, Operation op, String ciId) {
			return new Result("item", 0, index, ref, op, ciId, null, null);
		}

		static Result rejectItem(int index, String ref, String code, String message) {
			return new Result("item", 0, index, ref, Operation.REJECTED, null, code, message);
		}

		static Result rel(int index, Operation op, String code, String message) {
			return new Result("relationship", 0, index, null, op, null, code, message);
		}

		Result inChunk(int seq) {
			return new Result(kind, seq, index, ref, operation, ciId, code, message, relationship, pendingSince,
					resolvedAt, resolvedBy);
		}

		/** Identifies the entry inside its snapshot. */
		String slot() {
			return kind + "|" + chunk + "|" + index;
		}

	}

}
