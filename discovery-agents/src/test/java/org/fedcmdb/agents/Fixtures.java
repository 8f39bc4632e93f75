package org.fedcmdb.agents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real-format input copied from ../shared/fixtures (origins in fixtures/SOURCES.md). */
public final class Fixtures {

	private Fixtures() {
	}

	public static InputStream open(String path) {
		InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path);
		if (in == null) {
			throw new IllegalArgumentException("no fixture " + path);
		}
		return in;
	}

	public static String text(String path) {
		try (InputStream in = open(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static List<Map<String, Object>> itemsOfClass(Snapshot s, String className) {
		List<Map<String, Object>> out = new ArrayList<>();
		s.items().stream().filter(i -> className.equals(i.get("class"))).forEach(out::add);
		return out;
	}

	public static long rels(Snapshot s, String type) {
		return s.relationships().stream().filter(r -> type.equals(r.get("type"))).count();
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> ids(Map<String, Object> item) {
		return (Map<String, Object>) item.get("identifiers");
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> attrs(Map<String, Object> item) {
		return (Map<String, Object>) item.get("attributes");
	}

}
