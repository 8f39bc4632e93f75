package org.fedcmdb.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.GraphProperties;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Bearer tokens, stored as SHA-256 hashes: the configured ones (kept in memory) and those an admin creates at run
 * time (kept in Neo4j, so every instance against one database sees them). On a first start with no token at all it
 * creates an admin token and writes it to a file only the owner can read, logging the file's path, never the secret.
 */
@Service
public class TokenService {

	private static final Logger log = LoggerFactory.getLogger(TokenService.class);

	/** Every role, narrowest first. */
	public static final List<String> ROLES = List.of("READ", "INGEST", "ALERTS", "RESPONDER", "CHANGE_APPROVER", "ADMIN");

	private final Map<String, Principal> configured = new ConcurrentHashMap<>();

	private final Map<String, Principal> cache = new ConcurrentHashMap<>();

	private final Driver driver;

	private final GraphProperties graph;

	private final CypherCatalog cypher;

	private final SecurityProperties properties;

	private final SecureRandom random = new SecureRandom();

	TokenService(SecurityProperties properties, Driver driver, GraphProperties graph, CypherCatalog cypher) {
		this.cypher = cypher;
		this.driver = driver;
		this.graph = graph;
		this.properties = properties;
		TokenConfigCheck.check(properties.tokens());
		for (SecurityProperties.TokenDefinition t : properties.tokens()) {
			configured.put(hash(t.secret()), new Principal(t.name(), Set.copyOf(t.roles()), List.copyOf(t.sources())));
		}
	}

	public boolean enabled() {
		return properties.enabled();
	}

	/** The principal of a presented secret, or null. */
	public Principal authenticate(String secret) {
		if (secret == null || secret.isBlank()) {
			return null;
		}
		String h = hash(secret);
		Principal p = configured.get(h);
		if (p != null) {
			return p;
		}
		p = cache.get(h);
		if (p != null) {
			return p;
		}
		try (Session s = driver.session()) {
			var rows = s.executeRead(tx -> tx.run(cypher.get("token-by-hash"), Map.of("h", h)).list());
			if (rows.isEmpty()) {
				return null;
			}
			Map<String, Object> t = rows.get(0).get("t").asMap();
			@SuppressWarnings("unchecked")
			Principal found = new Principal((String) t.get("name"), Set.copyOf((List<String>) t.get("roles")),
					List.copyOf((List<String>) t.get("sources")));
			cache.put(h, found);
			return found;
		}
	}

	/** Creates a token; the secret is returned once and stored only as a hash. */
	public String create(String name, List<String> roles, List<String> sources) {
		if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
			throw new IllegalArgumentException("token name must be 1-64 letters, digits, '_', '.', '-'");
		}
		if (roles == null || roles.isEmpty() || !ROLES.containsAll(roles)) {
			throw new IllegalArgumentException("roles must be some of " + ROLES);
		}
		checkSources(roles, sources == null ? List.of() : sources);
		String secret = "fcm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
		try (Session s = driver.session()) {
			s.executeWrite(tx -> {
				if (tx.run(cypher.get("token-name-taken"), Map.of("n", name)).single().get("taken").asBoolean()) {
					throw new IllegalArgumentException("a token named " + name + " exists; revoke it first");
				}
				return tx.run(cypher.get("token-create"),
						Map.of("n", name, "h", hash(secret), "r", roles, "s", sources == null ? List.of() : sources)).consume();
			});
		}
		return secret;
	}

	/**
	 * Sources limit what an INGEST token may write, as in configuration ({@code TokenConfigCheck}): on a token that
	 * cannot ingest, or an ADMIN one (which writes every source), they would look like a limit and be none. Each is a
	 * source name or a prefix ending in {@code *}.
	 */
	private static void checkSources(List<String> roles, List<String> sources) {
		if (!sources.isEmpty() && (!roles.contains("INGEST") || roles.contains("ADMIN"))) {
			throw new IllegalArgumentException("sources only limit what an INGEST token may write"
					+ (roles.contains("ADMIN") ? "; an ADMIN token writes every source" : "; this token has no INGEST role"));
		}
		for (String source : sources) {
			if (source == null || !source.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\*?")) {
				throw new IllegalArgumentException("a source is 1-64 letters, digits, '_', '.', '-' (a prefix ends in *)");
			}
		}
	}

	/** The configured tokens, then those made at run time. */
	public List<ApiToken> list() {
		List<ApiToken> out = new ArrayList<>();
		configured.values().forEach(p -> out.add(new ApiToken(p.name(), List.copyOf(p.roles()), p.sources(),
				"configuration", null)));
		try (Session s = driver.session()) {
			s.executeRead(tx -> tx.run(cypher.get("token-list")).list())
				.forEach(r -> {
					var t = r.get("t");
					out.add(new ApiToken(t.get("name").asString(),
							List.copyOf(new LinkedHashSet<>(t.get("roles").asList(Value::asString))),
							t.get("sources").asList(Value::asString), "runtime",
							Instant.ofEpochMilli(t.get("createdAt").asLong())));
				});
		}
		return out;
	}

	/** @return whether a runtime token of that name was revoked */
	public boolean revoke(String name) {
		cache.clear();
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> tx.run(cypher.get("token-revoke"), Map.of("n", name)).single().get("c").asInt()) > 0;
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void firstStart() {
		if (!properties.enabled() || !configured.isEmpty()) {
			return;
		}
		boolean any;
		try (Session s = driver.session()) {
			any = s.executeRead(tx -> tx.run(cypher.get("token-any"))
				.single().get("any").asBoolean());
		}
		if (any) {
			return;
		}
		String secret = create("initial-admin", List.of("ADMIN"), List.of());
		Path file = graph.dataDir().toAbsolutePath().normalize().resolve("admin-token");
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
			log.warn("No API token was configured: created admin token 'initial-admin'; its secret is in {} "
					+ "(readable only by this user). Use it as 'Authorization: Bearer <secret>'.", file);
		}
		catch (IOException | UnsupportedOperationException ex) {
			revoke("initial-admin");
			log.error("Could not write the initial admin token to {} ({}); configure fedcmdb.security.tokens", file,
					ex.getMessage());
		}
	}

	private byte[] bytes(int n) {
		byte[] b = new byte[n];
		random.nextBytes(b);
		return b;
	}

	static String hash(String secret) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
