package org.fedcmdb.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads an export into an empty server in batches: nodes first (each tagged with its exported id under an index),
 * then relationships linked by those ids, then the tags removed. Labels and relationship types are interpolated
 * into the statements (Cypher takes neither as a parameter) only after they match a strict name pattern. If anything
 * fails, the nodes the import created are deleted again: an import applies whole or leaves the server as it was.
 */
class GraphImporter {

	static final int BATCH = 5_000;

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

	private final Driver driver;

	private final CypherCatalog cypher;

	private final Map<String, String> uniqueKeys = new HashMap<>();

	private final Map<String, List<Map<String, Object>>> nodeBatches = new LinkedHashMap<>();

	private final Map<String, List<Map<String, Object>>> relBatches = new LinkedHashMap<>();

	private long nodes;

	private long relationships;

	private int lineNo;

	GraphImporter(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/** Imports the lines of {@code in}; returns {nodes, relationships}. */
	long[] run(BufferedReader in) throws IOException {
		if (read("backup-target-cis", Map.of()).get(0).get("n").asLong() > 0) {
			throw new BackupException(409, "IMPORT_TARGET_NOT_EMPTY",
					"The server already holds CIs: import into an empty server (a fresh data directory or database)");
		}
		read("backup-unique-keys", Map.of()).forEach(r -> uniqueKeys.put(r.get("label").asString(), r.get("key").asString()));
		try {
			header(in.readLine());
			JsonNode footer = body(in);
			if (footer == null) {
				throw invalid("TRUNCATED_EXPORT", "the file ends before its footer: it was cut short");
			}
			flush();
			long written = read("backup-import-count", Map.of()).get(0).get("n").asLong();
			if (written != nodes) {
				throw invalid("DUPLICATE_EXPORT_ID", "the file has " + nodes + " node lines but " + written
						+ " distinct nodes: some node id or unique key is repeated");
			}
			if (footer.path("nodes").asLong() != nodes || footer.path("relationships").asLong() != relationships) {
				throw invalid("TRUNCATED_EXPORT", "the footer counts " + footer.path("nodes").asLong() + " nodes and "
						+ footer.path("relationships").asLong() + " relationships, the file holds " + nodes + " and "
						+ relationships);
			}
			loop("backup-import-finish");
			moveEpochs();
			return new long[] { nodes, relationships };
		}
		catch (RuntimeException | IOException ex) {
			loop("backup-import-undo");
			loop("backup-import-finish");
			moveEpochs();
			throw ex;
		}
	}

	/**
	 * The import wrote (or undid) edges, their sources and assertions behind the ingestion's back: a new edge epoch
	 * and a new identity epoch make every instance's in-memory sets of asserted edges and remembered refs start over.
	 */
	private void moveEpochs() {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> {
				tx.run(cypher.get("edge-epoch-bump"), Map.of("token", UUID.randomUUID().toString())).consume();
				tx.run(cypher.get("identity-epoch-bump"), Map.of("token", UUID.randomUUID().toString())).consume();
			});
		}
	}

	private void header(String line) {
		lineNo = 1;
		JsonNode h;
		try {
			h = parse(line);
		}
		catch (BackupException ex) {
			h = null;
		}
		if (h == null || !"export".equals(h.path("fedcmdb").asString(null))) {
			throw invalid("NOT_AN_EXPORT", "the first line is not a fedcmdb export header");
		}
		if (h.path("version").asInt() != BackupService.FORMAT_VERSION) {
			throw invalid("UNSUPPORTED_EXPORT_VERSION", "export format version " + h.path("version").asInt()
					+ " is not " + BackupService.FORMAT_VERSION);
		}
	}

	/** Reads node and relationship lines up to the footer, which it returns (null when the file ends first). */
	private JsonNode body(BufferedReader in) throws IOException {
		boolean inRelationships = false;
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			lineNo++;
			JsonNode n = parse(line);
			if (n.has("end")) {
				return n;
			}
			if (n.has("n")) {
				if (inRelationships) {
					throw invalid("INVALID_EXPORT", "a node after the relationships");
				}
				node(n);
			}
			else if (n.has("r")) {
				if (!inRelationships) {
					flushNodes();
					inRelationships = true;
				}
				relationship(n);
			}
			else {
				throw invalid("INVALID_EXPORT", "neither a node, a relationship nor the footer");
			}
		}
		return null;
	}

	private void node(JsonNode n) {
		List<String> labels = new ArrayList<>();
		n.path("l").forEach(l -> labels.add(name(l.asString(""), "label")));
		if (labels.isEmpty() || !n.path("p").isObject() || !n.path("n").isString()) {
			throw invalid("INVALID_EXPORT", "a node needs an id, labels and properties");
		}
		Map<String, Object> props = values(n.get("p"));
		String mergeOn = labels.stream().filter(l -> uniqueKeys.containsKey(l) && props.get(uniqueKeys.get(l)) != null)
			.findFirst().orElse(null);
		String key = String.join(":", labels) + "|" + mergeOn;
		List<Map<String, Object>> batch = nodeBatches.computeIfAbsent(key, k -> new ArrayList<>());
		batch.add(Map.of("n", n.get("n").asString(), "p", props));
		nodes++;
		if (batch.size() >= BATCH) {
			writeNodes(labels, mergeOn, batch);
			batch.clear();
		}
	}

	private void relationship(JsonNode r) {
		String type = name(r.path("r").asString(""), "relationship type");
		if (!r.path("s").isString() || !r.path("e").isString() || !r.path("p").isObject()) {
			throw invalid("INVALID_EXPORT", "a relationship needs a start, an end and properties");
		}
		List<Map<String, Object>> batch = relBatches.computeIfAbsent(type, k -> new ArrayList<>());
		batch.add(Map.of("s", r.get("s").asString(), "e", r.get("e").asString(), "p", values(r.get("p"))));
		relationships++;
		if (batch.size() >= BATCH) {
			writeRelationships(type, batch);
			batch.clear();
		}
	}

	private void flushNodes() {
		nodeBatches.forEach((key, batch) -> {
			if (!batch.isEmpty()) {
				String[] parts = key.split("\\|", 2);
				writeNodes(List.of(parts[0].split(":")), "null".equals(parts[1]) ? null : parts[1], batch);
				batch.clear();
			}
		});
	}

	private void flush() {
		flushNodes();
		relBatches.forEach((type, batch) -> {
			if (!batch.isEmpty()) {
				writeRelationships(type, batch);
				batch.clear();
			}
		});
	}

	/**
	 * A node with a unique key is merged on it; one this import created keeps {@code _created} when the file repeats it
	 * (an undone import then deletes it, and the repetition is refused as DUPLICATE_EXPORT_ID).
	 */
	private void writeNodes(List<String> labels, String mergeOn, List<Map<String, Object>> rows) {
		String all = labels.stream().map(l -> "`" + l + "`").reduce((a, b) -> a + ":" + b).orElseThrow();
		String statement = mergeOn == null
				? "UNWIND $rows AS r CREATE (n:" + all + ":BackupImport) SET n = r.p, n._xid = r.n, n._created = true"
				: "UNWIND $rows AS r MERGE (n:`" + mergeOn + "` {`" + uniqueKeys.get(mergeOn) + "`: r.p.`"
						+ uniqueKeys.get(mergeOn) + "`}) ON CREATE SET n._created = true ON MATCH SET n._created = coalesce(n._created, false) "
						+ "SET n += r.p, n._xid = r.n, n:" + all + ":BackupImport";
		write(statement, rows);
	}

	private void writeRelationships(String type, List<Map<String, Object>> rows) {
		write("UNWIND $rows AS r MATCH (a:BackupImport {_xid: r.s}) MATCH (b:BackupImport {_xid: r.e}) "
				+ "CREATE (a)-[x:`" + type + "`]->(b) SET x = r.p", rows);
	}

	private void write(String statement, List<Map<String, Object>> rows) {
		try (Session s = driver.session()) {
			s.executeWrite(tx -> tx.run(statement, Map.of("rows", List.copyOf(rows))).consume());
		}
	}

	private void loop(String name) {
		while (true) {
			List<org.neo4j.driver.Record> r;
			try (Session s = driver.session()) {
				r = s.executeWrite(tx -> tx.run(cypher.get(name), Map.of()).list());
			}
			if (r.get(0).get("n").asLong() == 0) {
				return;
			}
		}
	}

	private List<org.neo4j.driver.Record> read(String name, Map<String, Object> params) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get(name), params).list());
		}
	}

	private JsonNode parse(String line) {
		if (line == null) {
			throw invalid("NOT_AN_EXPORT", "the file is empty");
		}
		try {
			JsonNode n = Json.MAPPER.readTree(line);
			if (n == null || !n.isObject()) {
				throw invalid("INVALID_EXPORT", "not a JSON object");
			}
			return n;
		}
		catch (JacksonException ex) {
			throw invalid("INVALID_EXPORT", "not JSON: " + ex.getOriginalMessage().lines().findFirst().orElse(""));
		}
	}

	private Map<String, Object> values(JsonNode props) {
		try {
			return BackupValues.decodeProperties(props);
		}
		catch (RuntimeException ex) {
			throw invalid("INVALID_EXPORT", ex.getMessage());
		}
	}

	private String name(String s, String what) {
		if (!NAME.matcher(s).matches()) {
			throw invalid("INVALID_EXPORT", "the " + what + " '" + s + "' is not a plain name");
		}
		return s;
	}

	private BackupException invalid(String code, String message) {
		return new BackupException(400, code, "line " + lineNo + ": " + message);
	}

}
