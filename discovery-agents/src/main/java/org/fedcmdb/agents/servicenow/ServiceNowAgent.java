package org.fedcmdb.agents.servicenow;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Federation with an existing ServiceNow CMDB through its REST Table API: {@code cmdb_ci} (every subclass, by
 * {@code sys_class_name}) and {@code cmdb_rel_ci}, page by page ({@code sysparm_limit}/{@code sysparm_offset}).
 * ServiceNow classes map onto fedcmdb's (overridable with {@code classMap.<sn class>=<fedcmdb class>}); its
 * relationship types "Runs on::Runs", "Hosted on::Hosts" and "Depends on::Used by" onto RUNS_ON, HOSTED_ON and
 * DEPENDS_ON. The sys_id is kept as the source-native key {@code sysId}.
 */
public final class ServiceNowAgent implements Agent {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final Map<String, String> CLASSES = new LinkedHashMap<>();

	static {
		CLASSES.put("cmdb_ci_service", "BusinessService");
		CLASSES.put("cmdb_ci_service_business", "BusinessService");
		CLASSES.put("cmdb_ci_service_technical", "ApplicationService");
		CLASSES.put("cmdb_ci_service_auto", "ApplicationService");
		CLASSES.put("cmdb_ci_service_discovered", "ApplicationService");
		CLASSES.put("cmdb_ci_appl", "Application");
		CLASSES.put("cmdb_ci_app_server", "Application");
		CLASSES.put("cmdb_ci_db_instance", "DatabaseInstance");
		CLASSES.put("cmdb_ci_database", "Database");
		CLASSES.put("cmdb_ci_esx_server", "Hypervisor");
		CLASSES.put("cmdb_ci_hyper_v_server", "Hypervisor");
		CLASSES.put("cmdb_ci_vm_instance", "VirtualMachine");
		CLASSES.put("cmdb_ci_vmware_instance", "VirtualMachine");
		CLASSES.put("cmdb_ci_server", "Server");
		CLASSES.put("cmdb_ci_computer", "Host");
		CLASSES.put("cmdb_ci_lb", "LoadBalancer");
		CLASSES.put("cmdb_ci_cluster", "RedundancyGroup");
		CLASSES.put("cmdb_ci_netgear", "NetworkDevice");
		CLASSES.put("cmdb_ci_storage_volume", "StorageVolume");
		CLASSES.put("cmdb_ci_disk", "StorageVolume");
		CLASSES.put("cmdb_ci_kubernetes_cluster", "KubernetesCluster");
		CLASSES.put("cmdb_ci_cloud_service_account", "CloudAccount");
	}

	static final Map<String, String> RELATIONS = Map.of("runs on::runs", "RUNS_ON", "hosted on::hosts", "HOSTED_ON",
			"depends on::used by", "DEPENDS_ON", "members::member of", "MEMBER_OF");

	@Override
	public String type() {
		return "servicenow";
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		String instance = settings.require("instance");
		int pageSize = settings.getInt("pageSize", 1000);
		Client client = new Client(URI.create(instance.endsWith("/") ? instance : instance + "/"), settings);
		List<JsonNode> cis = client.all("cmdb_ci", settings.get("ciQuery", ""), pageSize,
				"sys_id,sys_class_name,name,serial_number,fqdn,ip_address,mac_address,os,os_version,cpu_count,ram,"
						+ "support_group,owned_by,operational_status,install_status,asset_tag,manufacturer,busines_criticality,"
						+ "business_criticality,short_description,port,version");
		List<JsonNode> rels = client.all("cmdb_rel_ci", "", pageSize, "sys_id,parent,child,type");
		Map<String, String> classMap = new HashMap<>(CLASSES);
		settings.values().forEach((k, v) -> {
			if (k.startsWith("classMap.")) {
				classMap.put(k.substring("classMap.".length()), v);
			}
		});
		return map(cis, rels, classMap, settings.source(), "instance:" + URI.create(instance).getHost(), Instant.now());
	}

	/** Maps Table API rows; values may be plain strings or {value, display_value} objects. */
	public static Snapshot map(List<JsonNode> cis, List<JsonNode> rels, Map<String, String> classMap, String source,
			String scope, Instant at) {
		Snapshot s = Snapshot.full(source, scope, at);
		for (JsonNode ci : cis) {
			String sysId = value(ci, "sys_id");
			String snClass = value(ci, "sys_class_name");
			String cls = classMap.get(snClass);
			if (sysId == null || cls == null) {
				continue;
			}
			Map<String, Object> ids = Snapshot.map("sysId", sysId, "serialNumber", value(ci, "serial_number"), "fqdn",
					value(ci, "fqdn"), "macAddresses", list(value(ci, "mac_address")), "ipAddresses",
					list(value(ci, "ip_address")));
			String name = value(ci, "name");
			if (name != null && !cls.endsWith("Host") && !cls.equals("Server") && !cls.equals("VirtualMachine")
					&& !cls.equals("Hypervisor")) {
				ids.put("name", name);
			}
			else if (name != null && value(ci, "ip_address") != null) {
				ids.put("name", name);
			}
			Long criticality = tier(firstNonNull(value(ci, "business_criticality"), value(ci, "busines_criticality")));
			s.item(sysId, cls, ids, Snapshot.map("name", name, "os", join(value(ci, "os"), value(ci, "os_version")),
					"cpuCores", number(value(ci, "cpu_count")), "memoryMb", number(value(ci, "ram")),
					"supportGroup", display(ci, "support_group"), "owner", display(ci, "owned_by"),
					"operationalStatus", display(ci, "operational_status"), "installStatus", display(ci, "install_status"),
					"assetTag", value(ci, "asset_tag"), "description", value(ci, "short_description"),
					"criticality", criticality, "serviceNowClass", snClass));
		}
		for (JsonNode r : rels) {
			String type = RELATIONS.get(String.valueOf(display(r, "type")).toLowerCase(Locale.ROOT));
			String parent = value(r, "parent");
			String child = value(r, "child");
			if (type != null && parent != null && child != null && s.hasRef(parent) && s.hasRef(child)) {
				s.rel(type, parent, child);
			}
		}
		return s;
	}

	private static String firstNonNull(String a, String b) {
		return a != null ? a : b;
	}

	/** "1 - most critical" → 1. */
	private static Long tier(String v) {
		if (v == null) {
			return null;
		}
		var m = java.util.regex.Pattern.compile("^\\s*([1-5])").matcher(v);
		return m.find() ? Long.parseLong(m.group(1)) : null;
	}

	private static String join(String a, String b) {
		if (a == null) {
			return b;
		}
		return b == null ? a : a + " " + b;
	}

	private static Long number(String v) {
		try {
			return v == null ? null : Long.parseLong(v.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static List<String> list(String v) {
		return v == null ? List.of() : List.of(v.split("\\s*,\\s*"));
	}

	/** The raw value of a field, whatever the display-value mode. */
	static String value(JsonNode row, String field) {
		JsonNode n = row.get(field);
		if (n == null || n.isNull()) {
			return null;
		}
		if (n.isObject()) {
			n = n.has("value") ? n.get("value") : n.get("display_value");
			if (n == null || n.isNull()) {
				return null;
			}
		}
		String v = n.asString("");
		return v.isBlank() ? null : v;
	}

	/** The display value when the API returned one (references), else the raw value. */
	static String display(JsonNode row, String field) {
		JsonNode n = row.get(field);
		if (n != null && n.isObject() && n.hasNonNull("display_value") && !n.get("display_value").asString("").isBlank()) {
			return n.get("display_value").asString();
		}
		return value(row, field);
	}

	/** A paging Table API client with basic or bearer authentication. */
	static final class Client {

		private final URI base;

		private final AgentSettings settings;

		private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15)).build();

		Client(URI base, AgentSettings settings) {
			this.base = base;
			this.settings = settings;
		}

		List<JsonNode> all(String table, String query, int pageSize, String fields) throws AgentException {
			List<JsonNode> out = new ArrayList<>();
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (int offset = 0;; offset += pageSize) {
				String url = "api/now/table/" + table + "?sysparm_limit=" + pageSize + "&sysparm_offset=" + offset
						+ "&sysparm_display_value=all&sysparm_exclude_reference_link=true&sysparm_fields="
						+ URLEncoder.encode(fields, StandardCharsets.UTF_8)
						+ (query.isEmpty() ? "" : "&sysparm_query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
				JsonNode page = get(url);
				JsonNode result = page.path("result");
				if (!result.isArray()) {
					throw new AgentException("ServiceNow " + table + " answered without a 'result' list");
				}
				int fresh = 0;
				for (JsonNode row : result) {
					String key = value(row, "sys_id");
					if (seen.add(key != null ? key : row.toString())) {
						out.add(row);
						fresh++;
					}
				}
				// a short page ends the table; a page with nothing new means the server ignores the offset
				if (result.size() < pageSize || fresh == 0) {
					return out;
				}
			}
		}

		private JsonNode get(String path) throws AgentException {
			HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
				.header("Accept", "application/json").GET();
			String token = settings.get("token", null);
			if (token != null) {
				b.header("Authorization", "Bearer " + token);
			}
			else if (settings.get("username", null) != null) {
				String basic = settings.get("username", "") + ":" + settings.get("password", "");
				b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
			}
			for (int attempt = 1;; attempt++) {
				try {
					HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() == 200) {
						return JSON.readTree(r.body());
					}
					if ((r.statusCode() == 429 || r.statusCode() >= 500) && attempt < 3) {
						Thread.sleep(500L * attempt);
						continue;
					}
					throw new AgentException("ServiceNow answered " + r.statusCode() + " for " + path);
				}
				catch (IOException ex) {
					if (attempt >= 3) {
						throw new AgentException("cannot reach ServiceNow at " + base + ": " + ex.getMessage(), ex);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AgentException("interrupted");
				}
			}
		}

	}

}
