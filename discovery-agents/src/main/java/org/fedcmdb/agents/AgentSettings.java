package org.fedcmdb.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/** An agent's settings (from the server's configuration or the command line), with typed, checked access. */
public record AgentSettings(String source, Map<String, String> values) {

	public AgentSettings {
		values = Map.copyOf(new LinkedHashMap<>(values));
	}

	public String get(String key, String fallback) {
		String v = values.get(key);
		return v == null || v.isBlank() ? fallback : v;
	}

	public String require(String key) throws AgentException {
		String v = values.get(key);
		if (v == null || v.isBlank()) {
			throw new AgentException("setting '" + key + "' is required");
		}
		return v;
	}

	public int getInt(String key, int fallback) throws AgentException {
		String v = values.get(key);
		if (v == null || v.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(v.trim());
		}
		catch (NumberFormatException ex) {
			throw new AgentException("setting '" + key + "' must be a number, not '" + v + "'");
		}
	}

}
