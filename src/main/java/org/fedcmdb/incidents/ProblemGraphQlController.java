package org.fedcmdb.incidents;

import java.util.List;
import java.util.Map;

import graphql.GraphQLContext;
import org.fedcmdb.graph.CiReadService;
import org.fedcmdb.graph.CiView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Problems over GraphQL (READ), their creation and updates (RESPONDER), and a problem's CIs and incidents. */
@Controller
class ProblemGraphQlController {

	private final Problems problems;

	private final CiReadService reads;

	ProblemGraphQlController(Problems problems, CiReadService reads) {
		this.problems = problems;
		this.reads = reads;
	}

	@QueryMapping
	List<Map<String, Object>> problems(@Argument String state, @Argument Integer first) {
		return problems.page(state, Math.max(0, Math.min(first == null ? 50 : first, IncidentGraphQlController.MAX_PAGE)));
	}

	@QueryMapping
	Map<String, Object> problem(@Argument String id) {
		return problems.get(id);
	}

	@MutationMapping
	Map<String, Object> createProblem(@Argument Map<String, Object> input, GraphQLContext ctx) {
		return IncidentGraphQlController.run(() -> problems.create(problemInput(input), IncidentGraphQlController.caller(ctx)));
	}

	@MutationMapping
	Map<String, Object> updateProblem(@Argument String id, @Argument Map<String, Object> input) {
		return IncidentGraphQlController.run(() -> problems.update(id, problemInput(input)));
	}

	@SuppressWarnings("unchecked")
	private static Problems.Input problemInput(Map<String, Object> in) {
		return new Problems.Input((String) in.get("title"), (List<String>) in.get("ciIds"), (String) in.get("state"),
				(String) in.get("rootCause"), (String) in.get("workaround"), (Boolean) in.get("knownError"));
	}

	@SchemaMapping(typeName = "Problem", field = "cis")
	List<CiView> problemCis(Map<String, Object> problem) {
		return IncidentGraphQlController.cisOf(reads, IncidentStore.strings(problem.get("ciIds")));
	}

	@SchemaMapping(typeName = "Problem")
	List<Map<String, Object>> incidents(Map<String, Object> problem) {
		return problems.incidents((String) problem.get("id")).stream().map(IncidentGraphQlController::view).toList();
	}

}
