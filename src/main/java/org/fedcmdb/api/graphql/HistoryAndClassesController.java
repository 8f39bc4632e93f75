package org.fedcmdb.api.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.HistoryEntry;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** A CI's recorded history, and the class catalogue. */
@Controller
class HistoryAndClassesController {

	private final CiReadService reads;

	private final ClassCatalogue catalogue;

	private final ApiProperties properties;

	HistoryAndClassesController(CiReadService reads, ClassCatalogue catalogue, ApiProperties properties) {
		this.reads = reads;
		this.catalogue = catalogue;
		this.properties = properties;
	}

	@QueryMapping
	List<HistoryEntry> history(@Argument String ciId, @Argument Integer first) {
		String resolved = reads.resolve(List.of(ciId)).get(ciId);
		if (resolved == null) {
			return List.of();
		}
		int n = first == null ? 100 : Math.max(0, Math.min(first, properties.maxPageSize()));
		return reads.history(resolved, n);
	}

	@QueryMapping
	List<Map<String, Object>> classes() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (CiClass c : catalogue.all()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", c.name());
			m.put("parent", c.parent());
			m.put("labels", c.labels());
			m.put("identification", c.identification());
			m.put("scopedBy", c.scopedBy());
			m.put("service", c.service());
			m.put("required", c.required());
			out.add(m);
		}
		return out;
	}

}
