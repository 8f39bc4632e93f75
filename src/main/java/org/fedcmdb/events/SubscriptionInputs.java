package org.fedcmdb.events;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.ClassCatalogue;

/**
 * A subscription's input checked, with a coded error for what is refused (a target the server may not call, unknown
 * types or classes, too many filters, a batch size or description out of range), and normalised into the properties
 * it is stored with.
 */
final class SubscriptionInputs {

	private final WebhookTargets targets;

	private final ClassCatalogue catalogue;

	SubscriptionInputs(WebhookTargets targets, ClassCatalogue catalogue) {
		this.targets = targets;
		this.catalogue = catalogue;
	}

	Map<String, Object> validated(Subscriptions.Input in) {
		targets.check(in.url());
		List<String> types = in.types() == null ? List.of() : in.types();
		List<String> classes = in.classes() == null ? List.of() : in.classes();
		if (types.size() > Subscriptions.MAX_FILTER || classes.size() > Subscriptions.MAX_FILTER) {
			throw new EventException(400, "INVALID_FILTER", "at most " + Subscriptions.MAX_FILTER + " types and " + Subscriptions.MAX_FILTER + " classes");
		}
		for (String t : types) {
			if (!EventTypes.ALL.contains(t)) {
				throw new EventException(400, "UNKNOWN_EVENT_TYPE", "unknown event type '" + abbreviate(t) + "'");
			}
		}
		for (String c : classes) {
			if (!catalogue.contains(c)) {
				throw new EventException(400, "UNKNOWN_CLASS", "unknown class '" + abbreviate(c) + "'");
			}
		}
		int maxBatch = in.maxBatch() == null ? 1 : in.maxBatch();
		if (maxBatch < 1 || maxBatch > Subscriptions.MAX_BATCH) {
			throw new EventException(400, "INVALID_BATCH", "maxBatch is 1 (one event per request) to " + Subscriptions.MAX_BATCH);
		}
		if (in.description() != null && in.description().length() > 500) {
			throw new EventException(400, "INVALID_DESCRIPTION", "description is at most 500 characters");
		}
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("url", in.url().trim());
		p.put("types", List.copyOf(new LinkedHashSet<>(types)));
		p.put("classes", List.copyOf(new LinkedHashSet<>(classes)));
		p.put("maxBatch", maxBatch);
		p.put("description", in.description());
		return p;
	}

	static String abbreviate(String s) {
		return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
	}

}
