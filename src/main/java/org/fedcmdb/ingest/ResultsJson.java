package org.fedcmdb.ingest;

import java.util.List;

import org.fedcmdb.graph.Compressed;
import org.fedcmdb.graph.Json;
import tools.jackson.core.JsonGenerator;

/**
 * A chunk's results as stored ({@link Compressed} JSON): the JSON the mapper makes of them ({@code ResultsJsonTests}
 * compares the two), written field by field with Jackson's streaming generator as UTF-8 bytes. Written by hand because
 * the mapper's bean serialisation into a String, then copied to UTF-8, took 4-5 ms of the 29 ms a chunk of 10,000
 * unchanged records spent storing its results (2.9 s of an unchanged re-send at tier M, on the worker's path; gzip,
 * since replaced by Zstandard, took 7 ms).
 */
final class ResultsJson {

	private ResultsJson() {
	}

	static byte[] compressed(List<SnapshotModel.Result> results) {
		return Compressed.compress(out -> {
			try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
				g.writeStartArray();
				for (SnapshotModel.Result r : results) {
					write(g, r);
				}
				g.writeEndArray();
			}
		});
	}

	/** In the record's order; the last four only when not null, as their {@code @JsonInclude} says. */
	private static void write(JsonGenerator g, SnapshotModel.Result r) {
		g.writeStartObject();
		g.writeStringProperty("kind", r.kind());
		g.writeNumberProperty("chunk", r.chunk());
		g.writeNumberProperty("index", r.index());
		g.writeStringProperty("ref", r.ref());
		g.writeStringProperty("operation", r.operation() == null ? null : r.operation().name());
		g.writeStringProperty("ciId", r.ciId());
		g.writeStringProperty("code", r.code());
		g.writeStringProperty("message", r.message());
		if (r.relationship() != null) {
			g.writePOJOProperty("relationship", r.relationship());
		}
		if (r.pendingSince() != null) {
			g.writeStringProperty("pendingSince", r.pendingSince());
		}
		if (r.resolvedAt() != null) {
			g.writeStringProperty("resolvedAt", r.resolvedAt());
		}
		if (r.resolvedBy() != null) {
			g.writeStringProperty("resolvedBy", r.resolvedBy());
		}
		g.writeEndObject();
	}

}
