package org.fedcmdb.backup;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Export of the whole CMDB to a stream and import of such a stream into an empty server. */
@Service
public class BackupService {

	static final int FORMAT_VERSION = 1;

	private static final Logger log = LoggerFactory.getLogger(BackupService.class);

	private final GraphExporter exporter;

	private final Driver driver;

	private final CypherCatalog cypher;

	BackupService(GraphExporter exporter, Driver driver, CypherCatalog cypher) {
		this.exporter = exporter;
		this.driver = driver;
		this.cypher = cypher;
	}

	/** Counts of an export or import. */
	public record Counts(long nodes, long relationships) {
	}

	/** Writes the export (gzip JSON lines) to {@code out} and closes it. */
	public Counts export(OutputStream out) {
		long[] c = exporter.export(out);
		log.info("Exported {} nodes and {} relationships", c[0], c[1]);
		return new Counts(c[0], c[1]);
	}

	/** Imports an export (gzip, or plain JSON lines) into this server, which must hold no CI; whole or not at all. */
	public synchronized Counts importFrom(InputStream raw) {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(ungzip(raw), StandardCharsets.UTF_8), 1 << 16)) {
			long[] c = new GraphImporter(driver, cypher).run(in);
			log.info("Imported {} nodes and {} relationships", c[0], c[1]);
			return new Counts(c[0], c[1]);
		}
		catch (java.util.zip.ZipException ex) {
			throw new BackupException(400, "INVALID_EXPORT", "the gzip stream is damaged: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream ungzip(InputStream raw) throws IOException {
		BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
		in.mark(2);
		int b1 = in.read();
		int b2 = in.read();
		in.reset();
		return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
	}

}
