package org.fedcmdb.agents.terraform;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.Snapshot;
import tools.jackson.databind.JsonNode;

/**
 * Maps managed resources of a version-4 Terraform state: aws_instance, google_compute_instance and
 * azurerm_linux_virtual_machine as VirtualMachines, aws_db_instance as DatabaseInstance, aws_lb/aws_alb as
 * LoadBalancer, aws_lb_target_group as a RedundancyGroup the load balancer DEPENDS_ON (through its listeners) and
 * the attached instances are MEMBER_OF, aws_ecs_service as an ApplicationService. Relationships also come from each
 * instance's {@code dependencies} where both ends are mapped.
 */
public final class TerraformStateMapper {

	private TerraformStateMapper() {
	}

	public static Snapshot map(JsonNode state, String source, String scope, Instant at) throws AgentException {
		if (state == null || !state.isObject() || state.path("version").asInt(0) != 4) {
			throw new AgentException("not a Terraform state of format version 4");
		}
		Snapshot s = Snapshot.full(source, scope, at);
		Map<String, String> refByAddress = new HashMap<>();
		Map<String, String> refByArn = new HashMap<>();
		Map<String, String> refById = new HashMap<>();
		List<JsonNode[]> later = new ArrayList<>();
		for (JsonNode r : state.path("resources")) {
			if (!"managed".equals(r.path("mode").asString(""))) {
				continue;
			}
			String type = r.path("type").asString("");
			String module = r.path("module").asString(null);
			String base = (module == null ? "" : module + ".") + type + "." + r.path("name").asString("");
			int n = 0;
			for (JsonNode inst : r.path("instances")) {
				JsonNode a = inst.path("attributes");
				String address = base + (inst.has("index_key") ? "[" + inst.get("index_key").asString() + "]" : "");
				String ref = mapOne(s, type, address, a);
				if (ref != null) {
					refByAddress.putIfAbsent(base, ref);
					refByAddress.put(address, ref);
					if (a.hasNonNull("arn")) {
						refByArn.put(a.get("arn").asString(), ref);
					}
					if (a.hasNonNull("id")) {
						refById.put(a.get("id").asString(), ref);
					}
					later.add(new JsonNode[] { inst, textNode(ref) });
				}
				else if (type.equals("aws_lb_listener") || type.equals("aws_alb_listener")
						|| type.equals("aws_lb_target_group_attachment") || type.equals("aws_alb_target_group_attachment")) {
					later.add(new JsonNode[] { inst, textNode("#" + type) });
				}
				n++;
			}
		}
		for (JsonNode[] pair : later) {
			JsonNode inst = pair[0];
			String ref = pair[1].asString();
			JsonNode a = inst.path("attributes");
			if (ref.equals("#aws_lb_listener") || ref.equals("#aws_alb_listener")) {
				String lb = refByArn.get(a.path("load_balancer_arn").asString(""));
				for (JsonNode action : a.path("default_action")) {
					String tg = refByArn.get(action.path("target_group_arn").asString(""));
					if (lb != null && tg != null) {
						s.rel("DEPENDS_ON", lb, tg);
					}
				}
				continue;
			}
			if (ref.startsWith("#")) {
				String tg = refByArn.get(a.path("target_group_arn").asString(""));
				String target = refById.get(a.path("target_id").asString(""));
				if (tg != null && target != null) {
					s.rel("MEMBER_OF", target, tg);
				}
				continue;
			}
			if (ref.startsWith("ecs/")) {
				for (JsonNode lb : a.path("load_balancer")) {
					String tg = refByArn.get(lb.path("target_group_arn").asString(""));
					if (tg != null) {
						s.rel("MEMBER_OF", ref, tg);
					}
				}
			}
			for (JsonNode dep : inst.path("dependencies")) {
				String target = refByAddress.get(dep.asString());
				if (target != null && !target.equals(ref)) {
					s.rel("DEPENDS_ON", ref, target);
				}
			}
		}
		return s;
	}

	private static JsonNode textNode(String s) {
		return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(s);
	}

	private static String mapOne(Snapshot s, String type, String address, JsonNode a) {
		String id = text(a, "id");
		return switch (type) {
			case "aws_instance" -> {
				String ref = "vm/" + address;
				s.item(ref, "VirtualMachine", Snapshot.map("instanceId", id, "ipAddresses",
						ips(text(a, "private_ip"), text(a, "public_ip")), "fqdn", text(a, "private_dns")),
						Snapshot.map("name", tag(a, "Name", address), "cloud", "aws", "instanceType", text(a, "instance_type"),
								"ami", text(a, "ami"), "availabilityZone", text(a, "availability_zone"),
								"terraformAddress", address, "state", text(a, "instance_state")));
				yield ref;
			}
			case "google_compute_instance" -> {
				String ref = "vm/" + address;
				String ip = a.path("network_interface").path(0).path("network_ip").asString(null);
				s.item(ref, "VirtualMachine", Snapshot.map("instanceId", text(a, "instance_id") != null ? text(a, "instance_id") : id,
						"ipAddresses", ips(ip)), Snapshot.map("name", text(a, "name"), "cloud", "gcp", "machineType",
								text(a, "machine_type"), "zone", text(a, "zone"), "terraformAddress", address));
				yield ref;
			}
			case "azurerm_linux_virtual_machine" -> {
				String ref = "vm/" + address;
				s.item(ref, "VirtualMachine", Snapshot.map("instanceId", text(a, "virtual_machine_id") != null
						? text(a, "virtual_machine_id") : id, "ipAddresses", ips(text(a, "private_ip_address"), text(a, "public_ip_address"))),
						Snapshot.map("name", text(a, "computer_name") != null ? text(a, "computer_name") : text(a, "name"),
								"cloud", "azure", "size", text(a, "size"), "location", text(a, "location"), "azureId", id,
								"terraformAddress", address));
				yield ref;
			}
			case "aws_db_instance" -> {
				String ref = "db/" + address;
				s.item(ref, "DatabaseInstance", Snapshot.map("uid", text(a, "arn") != null ? text(a, "arn") : id),
						Snapshot.map("name", text(a, "identifier") != null ? text(a, "identifier") : address, "engine",
								text(a, "engine"), "engineVersion", text(a, "engine_version"), "endpoint", text(a, "endpoint"),
								"instanceClass", text(a, "instance_class"), "port", a.path("port").isNumber() ? a.get("port").asLong() : null,
								"cloud", "aws", "terraformAddress", address));
				yield ref;
			}
			case "aws_lb", "aws_alb", "aws_elb" -> {
				String ref = "lb/" + address;
				s.item(ref, "LoadBalancer", Snapshot.map("arn", text(a, "arn") != null ? text(a, "arn") : id, "fqdn",
						text(a, "dns_name")), Snapshot.map("name", text(a, "name") != null ? text(a, "name") : address,
								"type", text(a, "load_balancer_type"), "internal", a.path("internal").isBoolean() ? a.get("internal").asBoolean() : null,
								"cloud", "aws", "terraformAddress", address));
				yield ref;
			}
			case "aws_lb_target_group", "aws_alb_target_group" -> {
				String ref = "tg/" + address;
				s.item(ref, "RedundancyGroup", Snapshot.map("uid", text(a, "arn") != null ? text(a, "arn") : id),
						Snapshot.map("name", text(a, "name") != null ? text(a, "name") : address, "port",
								a.path("port").isNumber() ? a.get("port").asLong() : null, "terraformAddress", address));
				yield ref;
			}
			case "aws_ecs_service" -> {
				String ref = "ecs/" + address;
				s.item(ref, "ApplicationService", Snapshot.map("name", text(a, "name") != null ? text(a, "name") : address),
						Snapshot.map("name", text(a, "name"), "ecsCluster", text(a, "cluster"), "desiredCount",
								a.path("desired_count").isNumber() ? a.get("desired_count").asLong() : null,
								"arn", id, "terraformAddress", address));
				yield ref;
			}
			default -> null;
		};
	}

	private static List<String> ips(String... values) {
		List<String> out = new ArrayList<>();
		for (String v : values) {
			if (v != null && !v.isBlank()) {
				out.add(v);
			}
		}
		return out;
	}

	private static String tag(JsonNode a, String key, String fallback) {
		String t = a.path("tags").path(key).asString(null);
		return t == null || t.isBlank() ? fallback : t;
	}

	private static String text(JsonNode a, String field) {
		JsonNode n = a.get(field);
		return n == null || n.isNull() || n.asString("").isBlank() ? null : n.asString();
	}

}
