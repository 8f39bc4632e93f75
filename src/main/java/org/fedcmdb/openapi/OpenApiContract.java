package org.fedcmdb.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;

/**
 * The hand-kept half of the REST description ({@code openapi/rest-contract.yaml}, standard OpenAPI read with
 * swagger-core's own mapper), laid over what springdoc scanned: per operation its id, summary, description, tags,
 * security, extra parameters, request body and answers. An answer's {@code x-error-codes} becomes an {@code Error}
 * schema whose {@code code} is that enum, so clients see which codes each status carries. A documented operation
 * that no controller serves is a broken contract and stops the start.
 */
final class OpenApiContract implements OpenApiCustomizer {

	static final String ERROR_CODES = "x-error-codes";

	private final OpenAPI contract;

	private OpenApiContract(OpenAPI contract) {
		this.contract = contract;
	}

	static OpenApiContract load(String resource) {
		try (InputStream in = new ClassPathResource(resource).getInputStream()) {
			OpenAPI contract = Yaml31.mapper().readValue(in, OpenAPI.class);
			expandErrorCodes(contract);
			return new OpenApiContract(contract);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the REST contract " + resource, ex);
		}
	}

	@Override
	public void customise(OpenAPI served) {
		contract.getPaths().forEach((path, documented) -> documented.readOperationsMap().forEach((method, doc) -> {
			PathItem item = served.getPaths() == null ? null : served.getPaths().get(path);
			Operation op = item == null ? null : item.readOperationsMap().get(method);
			if (op == null) {
				throw new IllegalStateException("the REST contract documents " + method + " " + path
						+ " but no controller serves it");
			}
			overlay(op, doc);
		}));
		addComponents(served);
	}

	private static void overlay(Operation op, Operation doc) {
		op.operationId(doc.getOperationId()).summary(doc.getSummary()).description(doc.getDescription())
			.tags(doc.getTags()).requestBody(doc.getRequestBody()).responses(doc.getResponses())
			.extensions(doc.getExtensions());
		if (doc.getSecurity() != null) {
			op.security(doc.getSecurity());
		}
		op.parameters(mergedParameters(op.getParameters(), doc.getParameters()));
	}

	/** The scanned parameters, each replaced by its documented version where there is one, then the documented rest. */
	private static List<Parameter> mergedParameters(List<Parameter> scanned, List<Parameter> documented) {
		List<Parameter> out = new ArrayList<>();
		List<Parameter> docs = documented == null ? List.of() : new ArrayList<>(documented);
		for (Parameter p : scanned == null ? List.<Parameter>of() : scanned) {
			Parameter doc = docs.stream().filter(d -> p.getName().equals(d.getName()) && p.getIn().equals(d.getIn()))
				.findFirst().orElse(null);
			if (doc != null) {
				docs.remove(doc);
				doc.setRequired(p.getRequired());
			}
			out.add(doc != null ? doc : p);
		}
		out.addAll(docs);
		return out.isEmpty() ? null : out;
	}

	private void addComponents(OpenAPI served) {
		Components mine = contract.getComponents();
		Components theirs = served.getComponents() == null ? new Components() : served.getComponents();
		mine.getSchemas().forEach(theirs::addSchemas);
		if (mine.getParameters() != null) {
			mine.getParameters().forEach(theirs::addParameters);
		}
		if (mine.getResponses() != null) {
			mine.getResponses().forEach(theirs::addResponses);
		}
		served.components(theirs);
	}

	private static void expandErrorCodes(OpenAPI contract) {
		contract.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
			ApiResponses responses = op.getResponses();
			if (responses != null) {
				responses.values().forEach(OpenApiContract::expand);
			}
		}));
		Map<String, ApiResponse> shared = contract.getComponents().getResponses();
		if (shared != null) {
			shared.values().forEach(OpenApiContract::expand);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void expand(ApiResponse response) {
		Object codes = response.getExtensions() == null ? null : response.getExtensions().remove(ERROR_CODES);
		if (!(codes instanceof List<?> list)) {
			return;
		}
		Schema code = new Schema<String>().types(java.util.Set.of("string")).description("Which refusal this is");
		code.setEnum(new ArrayList<>(list));
		Schema error = new Schema<>().allOf(List.of(new Schema<>().$ref("#/components/schemas/Error"),
				new Schema<>().types(java.util.Set.of("object")).addProperty("code", code)));
		response.content(new Content().addMediaType("application/json", new MediaType().schema(error)));
		if (response.getExtensions().isEmpty()) {
			response.setExtensions(null);
		}
	}

}
