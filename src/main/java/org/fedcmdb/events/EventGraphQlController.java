package org.fedcmdb.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphqlErrorException;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** GraphQL {@code events(after, first, types)}: the feed, with the REST endpoint's checks and codes. */
@Controller
class EventGraphQlController {

	private final EventFeed feed;

	EventGraphQlController(EventFeed feed) {
		this.feed = feed;
	}

	@QueryMapping
	Map<String, Object> events(@Argument String after, @Argument Integer first, @Argument List<String> types) {
		try {
			EventFeed.Page page = feed.read(EventFeedController.cursor(after),
					EventFeedController.limit(String.valueOf(first == null ? 100 : first)),
					EventFeedController.types(types == null ? null : String.join(",", types)));
			List<Map<String, Object>> events = page.events().stream().map(e -> {
				Map<String, Object> m = new LinkedHashMap<>(e);
				m.put("sequence", String.valueOf(e.get("sequence")));
				return m;
			}).toList();
			return Map.of("events", events, "next", String.valueOf(page.next()), "last", String.valueOf(page.last()),
					"hasMore", page.hasMore());
		}
		catch (EventException ex) {
			throw GraphqlErrorException.newErrorException().message(ex.getMessage())
				.extensions(Map.of("code", ex.code())).build();
		}
	}

}
