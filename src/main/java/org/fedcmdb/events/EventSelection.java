package org.fedcmdb.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;

/**
 * The events a subscription gets next: read from the feed after its cursor, kept when their type and the subject's
 * class (or a superclass of it) are among the subscription's filters, up to its batch size.
 */
final class EventSelection {

	private final EventFeed feed;

	private final ClassCatalogue catalogue;

	EventSelection(EventFeed feed, ClassCatalogue catalogue) {
		this.feed = feed;
		this.catalogue = catalogue;
	}

	/**
	 * The events to send next and the sequence they reach (past events filtered out, so that the cursor moves over
	 * them); when the cursor passed the feed's retention, none, the purged sequence, and why in {@code expired}.
	 */
	record Pending(List<Map<String, Object>> events, long through, String expired) {

		Pending(List<Map<String, Object>> events, long through) {
			this(events, through, null);
		}

	}

	@SuppressWarnings("unchecked")
	Pending next(Map<String, Object> sub) {
		long cursor = ((Number) sub.get("cursor")).longValue();
		int maxBatch = ((Number) sub.get("maxBatch")).intValue();
		Set<String> types = new HashSet<>((List<String>) sub.get("types"));
		Set<String> classes = new HashSet<>();
		((List<String>) sub.get("classes")).forEach(c -> classes.addAll(catalogue.withSubclasses(c)));
		List<Map<String, Object>> picked = new ArrayList<>();
		long next = cursor;
		try {
			for (int round = 0; round < 50 && picked.size() < maxBatch; round++) {
				EventFeed.Page page = feed.read(next, 200, types);
				for (Map<String, Object> e : page.events()) {
					if (classes.isEmpty() || e.get("subject") instanceof Map<?, ?> subj && classes.contains(subj.get("class"))) {
						if (picked.size() == maxBatch) {
							return new Pending(picked, next);
						}
						picked.add(e);
					}
					next = ((Number) e.get("sequence")).longValue();
				}
				if (page.events().isEmpty()) {
					next = Math.max(next, page.next());
				}
				if (!page.hasMore()) {
					break;
				}
			}
		}
		catch (EventException ex) {
			if (!ex.code().equals("CURSOR_EXPIRED")) {
				throw ex;
			}
			long purged = feed.state().purgedThrough();
			return new Pending(List.of(), purged,
					"events " + (cursor + 1) + " to " + purged + " passed the retention before they could be delivered");
		}
		return new Pending(picked, next);
	}

}
