package org.fedcmdb.api.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphqlErrorException;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.fedcmdb.cis.MergeService;
import org.fedcmdb.reconciliation.AuthorityRule;
import org.fedcmdb.reconciliation.RulesConfig;
import org.fedcmdb.reconciliation.SourceDefinition;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Readable rules, and the manual corrections of identification (merge, split). */
@Controller
class AdminController {

	private final RulesConfig rules;

	private final MergeService merges;

	private final CiReadService reads;

	AdminController(RulesConfig rules, MergeService merges, CiReadService reads) {
		this.rules = rules;
		this.merges = merges;
		this.reads = reads;
	}

	@QueryMapping
	List<Map<String, Object>> sources() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (SourceDefinition s : rules.sources()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("name", s.name());
			m.put("staleAfter", s.staleAfter().toString());
			m.put("insertAllowed", s.insertAllowed());
			m.put("insertDeniedClasses", s.insertDeniedClasses());
			m.put("description", s.description());
			out.add(m);
		}
		return out;
	}

	@QueryMapping
	List<Map<String, Object>> authorityRules() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (AuthorityRule r : rules.authority()) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("class", r.className());
			m.put("attribute", r.attribute());
			m.put("sources", r.sources());
			out.add(m);
		}
		return out;
	}

	@MutationMapping
	CiView mergeCis(@Argument String survivorId, @Argument List<String> mergedIds, @Argument String reason) {
		List<String> all = new ArrayList<>(mergedIds);
		all.add(survivorId);
		Map<String, String> resolved = reads.resolve(all);
		for (String id : all) {
			if (!resolved.containsKey(id)) {
				throw error("CI_NOT_FOUND", "No CI " + id);
			}
		}
		String survivor = resolved.get(survivorId);
		List<String> merged = mergedIds.stream().map(resolved::get).filter(id -> !id.equals(survivor)).distinct().toList();
		try {
			merges.merge(survivor, merged, "admin", null, reason == null ? "manual merge" : reason);
		}
		catch (IllegalArgumentException ex) {
			throw error("MERGE_REFUSED", ex.getMessage());
		}
		return reads.byIds(List.of(survivor)).get(survivor);
	}

	@MutationMapping
	CiView splitCi(@Argument String ciId, @Argument List<String> sources, @Argument String reason) {
		String resolved = reads.resolve(List.of(ciId)).get(ciId);
		if (resolved == null) {
			throw error("CI_NOT_FOUND", "No CI " + ciId);
		}
		try {
			String id = merges.split(resolved, sources, reason == null ? "manual split" : reason);
			return reads.byIds(List.of(id)).get(id);
		}
		catch (IllegalArgumentException ex) {
			throw error("SPLIT_REFUSED", ex.getMessage());
		}
	}

	static GraphqlErrorException error(String code, String message) {
		return GraphqlErrorException.newErrorException().message(message).extensions(Map.of("code", code)).build();
	}

}
