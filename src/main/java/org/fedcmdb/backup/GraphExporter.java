package org.fedcmdb.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * Writes the graph as gzip JSON lines: a header, every node ({@code {"n": id, "l": labels, "p": properties}}), every
 * relationship ({@code {"r": type, "s": start, "e": end, "p": properties}}), and a footer with the counts, so that a
 * cut file is recognised. Records stream from one read transaction to the output: memory stays bounded whatever the
 * size of the CMDB. Left out: schema-migration bookkeeping ({@code __*} labels), the writer lease, scheduled-job
 * claims and the epochs of the servers' in-memory sets (EdgeEpoch, IdentityEpoch), which belong to the running
 * servers, not to the CMDB.
 */
@Component
class GraphExporter {

	static final List<String> SKIPPED = List.of("WriterLease", "JobFire", "EdgeEpoch", "IdentityEpoch");

	private final Driver driver;

	private final CypherCatalog cypher;

	GraphExporter(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/** Writes the whole export to {@code out} (closed at the end); returns {nodes, relationships}. */
	long[] export(OutputStream out) {
		try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out, 1 << 16),
				StandardCharsets.UTF_8), 1 << 16); Session s = driver.session()) {
			Map<String, Object> header = new LinkedHashMap<>();
			header.put("fedcmdb", "export");
			header.put("version", BackupService.FORMAT_VERSION);
			header.put("exportedAt", java.time.Instant.now().toString());
			line(w, header);
			long[] counts = s.executeRead(tx -> {
				long nodes = 0;
				long rels = 0;
				Result r = tx.run(cypher.get("backup-nodes"), Map.of("skip", SKIPPED));
				while (r.hasNext()) {
					Record rec = r.next();
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("n", rec.get("id").asString());
					m.put("l", rec.get("labels").asList(Value::asString));
					m.put("p", BackupValues.encode(rec.get("props").asMap()));
					line(w, m);
					nodes++;
				}
				r = tx.run(cypher.get("backup-relationships"), Map.of("skip", SKIPPED));
				while (r.hasNext()) {
					Record rec = r.next();
					Map<String, Object> m = new LinkedHashMap<>();
					m.put("r", rec.get("type").asString());
					m.put("s", rec.get("start").asString());
					m.put("e", rec.get("end").asString());
					m.put("p", BackupValues.encode(rec.get("props").asMap()));
					line(w, m);
					rels++;
				}
				return new long[] { nodes, rels };
			});
			Map<String, Object> footer = new LinkedHashMap<>();
			footer.put("end", true);
			footer.put("nodes", counts[0]);
			footer.put("relationships", counts[1]);
			line(w, footer);
			return counts;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void line(BufferedWriter w, Map<String, Object> m) {
		try {
			w.write(Json.MAPPER.writeValueAsString(m));
			w.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
