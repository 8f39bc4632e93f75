package org.fedcmdb.reconciliation;

import java.util.Map;

/**
 * What one source asserts about a CI: its attribute observations and when it last saw the CI. {@code withdrawn}: the
 * source stopped reporting the CI; its values are the last known ones and win only where no asserting source has one.
 */
public record SourceView(String source, Map<String, Observation> values, long seen, boolean withdrawn) {

	public SourceView(String source, Map<String, Observation> values, long seen) {
		this(source, values, seen, false);
	}

}
