package org.fedcmdb.reconciliation;

import java.util.Map;

/** What one source currently asserts about a CI: its attribute observations and when it last saw the CI. */
public record SourceView(String source, Map<String, Observation> values, long seen) {
}
