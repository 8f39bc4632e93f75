package org.fedcmdb.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The served OpenAPI description against the server itself: valid by the reference parser, every REST endpoint in it
 * and nothing else, every documented error code one the server has, and a hostile request per operation answering
 * with a status and code the description lists for it.
 */
class OpenApiIntegrationTests extends IntegrationTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private static OpenAPI served;

	private static String servedJson;

	@BeforeAll
	static void reset() {
		served = null;
	}

	private OpenAPI description() {
		if (served == null) {
			token = null; // public: the description holds no data
			HttpResponse<String> r = get("/v3/api-docs");
			token = ADMIN_TOKEN;
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			servedJson = r.body();
			write(Path.of("target/openapi/api-docs.json"), servedJson);
			SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(servedJson, null, null);
			assertThat(parsed.getMessages()).as("the reference parser's complaints").isEmpty();
			served = parsed.getOpenAPI();
		}
		return served;
	}

	@Test
	void isValidOpenApi31WithBearerSecurity() {
		OpenAPI api = description();
		assertThat(api.getOpenapi()).startsWith("3.1");
		assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
		assertThat(servedJson).doesNotContain(OpenApiContract.ERROR_CODES);
		token = null;
		HttpResponse<String> yaml = get("/v3/api-docs.yaml");
		assertThat(yaml.statusCode()).isEqualTo(200);
		assertThat(yaml.body()).contains("openapi: 3.1");
	}

	@Test
	void describesEveryRestEndpointAndOnlyThose() {
		Set<String> servedByControllers = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues().stream()
			.filter(p -> p.startsWith("/api/"))
			.forEach(p -> info.getMethodsCondition().getMethods()
				.forEach(m -> servedByControllers.add(m.name() + " " + p))));
		Set<String> documented = new TreeSet<>();
		operations().forEach((key, op) -> {
			documented.add(key);
			assertThat(op.getOperationId()).as(key).isNotBlank();
			assertThat(op.getSummary()).as(key).isNotBlank();
			assertThat(op.getResponses().keySet()).as(key + " documents its refusals")
				.anyMatch(s -> s.startsWith("4"));
		});
		assertThat(documented).isEqualTo(servedByControllers);
	}

	@Test
	void everyDocumentedErrorCodeIsOneTheServerHas() throws IOException {
		String sources;
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			sources = String.join("\n", files.filter(f -> f.toString().endsWith(".java")).map(OpenApiIntegrationTests::read)
				.toList());
		}
		Set<String> codes = new TreeSet<>();
		operations().values().forEach(op -> op.getResponses().values().forEach(r -> codes.addAll(codes(r))));
		assertThat(codes).hasSizeGreaterThan(40);
		assertThat(codes).allSatisfy(code -> assertThat(sources).as(code).contains("\"" + code + "\""));
	}

	@Test
	void eachOperationRefusesWithAStatusAndCodeItDocuments() {
		Map<String, Refusal> table = new LinkedHashMap<>();
		String json = "application/json";
		table.put("POST /api/v1/snapshots", send("POST", "/api/v1/snapshots", NMAP_TOKEN, "text/plain", "{}"));
		table.put("POST /api/v1/snapshots/{id}/chunks", send("POST", "/api/v1/snapshots/no-such/chunks", NMAP_TOKEN, json,
				"{\"items\": []}"));
		table.put("POST /api/v1/snapshots/{id}/complete", send("POST", "/api/v1/snapshots/no-such/complete", NMAP_TOKEN,
				json, ""));
		table.put("GET /api/v1/snapshots/{id}", send("GET", "/api/v1/snapshots/no-such", READ_TOKEN, null, null));
		table.put("POST /api/v1/changes", send("POST", "/api/v1/changes", PIPELINE_TOKEN, json, "{\"title\": 5}"));
		table.put("GET /api/v1/changes/{id}", send("GET", "/api/v1/changes/no-such?wait=forever", READ_TOKEN, null, null));
		table.put("POST /api/v1/changes/{id}/start", send("POST", "/api/v1/changes/no-such/start", PIPELINE_TOKEN, json, ""));
		table.put("POST /api/v1/changes/{id}/complete", send("POST", "/api/v1/changes/no-such/complete", PIPELINE_TOKEN,
				json, "{\"outcome\": \"SUCCESSFUL\"}"));
		table.put("POST /api/v1/changes/{id}/cancel", send("POST", "/api/v1/changes/no-such/cancel", PIPELINE_TOKEN, json,
				"[1]"));
		table.put("POST /api/v1/integrations/github/deployment-protection", send("POST",
				"/api/v1/integrations/github/deployment-protection", null, json, "{}"));
		table.put("POST /api/v1/alerts/alertmanager", send("POST", "/api/v1/alerts/alertmanager", ALERTS_TOKEN, json,
				"{\"version\": \"3\", \"alerts\": []}"));
		table.put("POST /api/v1/alerts", send("POST", "/api/v1/alerts", ALERTS_TOKEN, "text/csv", "a,b"));
		table.put("GET /api/v1/events", send("GET", "/api/v1/events?limit=0", READ_TOKEN, null, null));
		table.put("GET /api/v1/events/schema", send("GET", "/api/v1/events/schema", null, null, null));
		table.put("GET /api/v1/admin/export", send("GET", "/api/v1/admin/export", READ_TOKEN, null, null));
		table.put("POST /api/v1/admin/import", send("POST", "/api/v1/admin/import", ADMIN_TOKEN, "application/gzip",
				"not gzip"));
		assertThat(table.keySet()).as("a row per documented operation").isEqualTo(operations().keySet());
		List<String> wrong = new ArrayList<>();
		table.forEach((key, refusal) -> {
			ApiResponse documented = resolve(operations().get(key).getResponses().get(String.valueOf(refusal.status)));
			if (refusal.status < 400 || documented == null || !codes(documented).contains(refusal.code)) {
				wrong.add(key + " answered " + refusal.status + " " + refusal.code + ", documented: "
						+ (documented == null ? "nothing" : codes(documented)));
			}
		});
		assertThat(wrong).isEmpty();
	}

	private record Refusal(int status, String code) {
	}

	private Refusal send(String method, String path, String as, String contentType, String body) {
		token = as;
		try {
			HttpResponse<String> r = method.equals("GET") ? get(path)
					: post(path, contentType, body.getBytes(StandardCharsets.UTF_8));
			String code = r.statusCode() >= 400 ? Json.MAPPER.readTree(r.body()).path("code").asString("") : "";
			return new Refusal(r.statusCode(), code);
		}
		finally {
			token = ADMIN_TOKEN;
		}
	}

	/** "METHOD /path" to the documented operation, REST paths only. */
	private Map<String, Operation> operations() {
		Map<String, Operation> out = new LinkedHashMap<>();
		description().getPaths().forEach((path, item) -> item.readOperationsMap()
			.forEach((m, op) -> out.put(m.name().toUpperCase(Locale.ROOT) + " " + path, op)));
		return out;
	}

	private ApiResponse resolve(ApiResponse r) {
		if (r != null && r.get$ref() != null) {
			return description().getComponents().getResponses().get(r.get$ref().substring(r.get$ref().lastIndexOf('/') + 1));
		}
		return r;
	}

	/** The codes a documented answer's Error schema allows. */
	@SuppressWarnings("rawtypes")
	private Set<String> codes(ApiResponse response) {
		ApiResponse r = resolve(response);
		Set<String> out = new HashSet<>();
		if (r == null || r.getContent() == null || r.getContent().get("application/json") == null) {
			return out;
		}
		Schema schema = r.getContent().get("application/json").getSchema();
		for (Object part : schema.getAllOf() == null ? List.of() : schema.getAllOf()) {
			Schema s = (Schema) part;
			if (s.getProperties() != null && s.getProperties().get("code") instanceof Schema code && code.getEnum() != null) {
				code.getEnum().forEach(c -> out.add(String.valueOf(c)));
			}
		}
		return out;
	}

	@Test
	void aSnapshotsStatusIsWhatTheDescriptionSaysItIs() {
		description();
		String u = unique();
		String id = openChunked("terraform-oa" + u);
		// a relationship whose end comes in the next chunk (waits, then is created at the finish with what it
		// became), one whose end never comes (rejected at the finish), items inserted
		postChunk(id, List.of(item("host", "Server", Map.of("fqdn", "host-" + u + ".example"), attrs("os", "Debian 12")),
				item("app", "Application", Map.of("uid", "app-" + u), attrs())),
				List.of(rel("RUNS_ON", "app", "host"), rel("DEPENDS_ON", "app", "db"), rel("DEPENDS_ON", "app", "gone")));
		postChunk(id, List.of(item("db", "Application", Map.of("uid", "db-" + u), attrs())),
				List.of(rel("RUNS_ON", "db", "host")));
		completeChunked(id);
		HttpResponse<String> r = get("/api/v1/snapshots/" + id + "?limit=100");
		assertThat(r.statusCode()).isEqualTo(200);
		tools.jackson.databind.JsonNode status = Json.MAPPER.readTree(r.body());
		assertThat(texts(status.get("results"), "operation")).as(r.body()).contains("INSERT", "CREATED", "REJECTED");
		assertThat(status.get("results").valueStream()
			.anyMatch(e -> e.has("relationship") && e.has("pendingSince") && e.has("resolvedBy"))).isTrue();
		com.networknt.schema.Schema schema = servedSchema("SnapshotStatus");
		assertThat(schema.validate(status)).as(r.body()).isEmpty();
		// the description is not a formality: an entry with a field it does not name, or a status without its
		// progress, fails it
		tools.jackson.databind.JsonNode extra = Json.MAPPER.readTree(r.body().replaceFirst("\\{\"kind\"", "{\"extra\":1,\"kind\""));
		assertThat(schema.validate(extra)).isNotEmpty();
		tools.jackson.databind.node.ObjectNode noProgress = (tools.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(r.body());
		noProgress.remove("progress");
		assertThat(schema.validate(noProgress)).isNotEmpty();
	}

	/** A schema of the served description's components, its references into them resolved. */
	private com.networknt.schema.Schema servedSchema(String component) {
		tools.jackson.databind.node.ObjectNode root = Json.MAPPER.createObjectNode();
		root.put("$ref", "#/components/schemas/" + component);
		root.set("components", Json.MAPPER.readTree(servedJson).get("components"));
		return com.networknt.schema.SchemaRegistry.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12)
			.getSchema(root.toString());
	}

	private static void write(Path f, String content) {
		try {
			Files.createDirectories(f.getParent());
			Files.writeString(f, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path f) {
		try {
			return Files.readString(f);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}


}
