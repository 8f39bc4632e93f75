package org.fedcmdb.reconciliation;

import java.time.Duration;
import java.util.List;

/**
 * A registered data source. A name ending in {@code *} covers every source with that prefix ({@code nmap-*} covers
 * {@code nmap-dc1}).
 *
 * @param staleAfter how long after its observation a value of this source stops winning and its CIs stop counting
 * as seen by it
 * @param insertAllowed false: the source may enrich CIs others created, never create one
 * @param insertDeniedClasses classes this source may not create even when it may create others
 */
public record SourceDefinition(String name, Duration staleAfter, boolean insertAllowed,
		List<String> insertDeniedClasses, String description) {

	public boolean covers(String source) {
		return name.endsWith("*") ? source.startsWith(name.substring(0, name.length() - 1)) : name.equals(source);
	}

	public boolean mayInsert(String className, java.util.function.BiPredicate<String, String> isA) {
		return insertAllowed && insertDeniedClasses.stream().noneMatch(denied -> isA.test(className, denied));
	}

}
