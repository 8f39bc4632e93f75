package org.fedcmdb.agents.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;

class TerraformStateMapperTests {

	static Snapshot map(String file) throws AgentException {
		return TerraformStateMapper.map(TerraformAgent.parse(Fixtures.text("terraform/" + file)), "terraform-test",
				"state:" + file, Instant.parse("2026-11-27T00:00:00Z"));
	}

	@Test
	void awsInstancesInModulesAreVirtualMachines() throws Exception {
		Snapshot s = map("inframap_aws_modules.tfstate");
		var vms = Fixtures.itemsOfClass(s, "VirtualMachine");
		assertThat(vms).hasSize(7);
		assertThat(vms).allSatisfy(v -> assertThat((String) Fixtures.ids(v).get("instanceId")).startsWith("i-"));
		assertThat(vms).anySatisfy(v -> assertThat(Fixtures.attrs(v).get("terraformAddress"))
			.isEqualTo("module.ec2_ubuntu_a[0].aws_instance.this[0]"));
	}

	@Test
	void loadBalancersAndDatabases() throws Exception {
		var lb = Fixtures.itemsOfClass(map("driftctl_aws_alb.tfstate"), "LoadBalancer").get(0);
		assertThat(Fixtures.ids(lb)).containsEntry("fqdn", "test-lb-tf-278241463.us-east-1.elb.amazonaws.com");
		assertThat((String) Fixtures.ids(lb).get("arn")).startsWith("arn:aws:elasticloadbalancing");
		var db = Fixtures.itemsOfClass(map("driftctl_aws_db_instance.tfstate"), "DatabaseInstance").get(0);
		assertThat(Fixtures.attrs(db)).containsEntry("engine", "mysql").containsEntry("port", 3306L);
	}

	@Test
	void azureVmsAndDataSourcesAreSkippedWhereUnmanaged() throws Exception {
		assertThat(Fixtures.itemsOfClass(map("inframap_azurerm_vms.tfstate"), "VirtualMachine")).hasSize(2);
		Snapshot withData = map("driftctl_aws_instance_with_data_dep.tfstate");
		assertThat(withData.items()).hasSize(1);
		assertThat(withData.relationships()).isEmpty();
	}

	@Test
	void targetGroupsListenersAndAttachmentsBecomeEdges() throws Exception {
		String state = """
				{"version": 4, "resources": [
				 {"mode": "managed", "type": "aws_lb", "name": "web", "instances": [{"attributes": {"arn": "arn:lb", "dns_name": "web.elb.example", "name": "web"}}]},
				 {"mode": "managed", "type": "aws_lb_target_group", "name": "tg", "instances": [{"attributes": {"arn": "arn:tg", "name": "tg", "port": 80}}]},
				 {"mode": "managed", "type": "aws_lb_listener", "name": "l", "instances": [{"attributes": {"load_balancer_arn": "arn:lb", "default_action": [{"target_group_arn": "arn:tg"}]}}]},
				 {"mode": "managed", "type": "aws_instance", "name": "a", "instances": [{"attributes": {"id": "i-1", "private_ip": "10.0.0.1"}}]},
				 {"mode": "managed", "type": "aws_lb_target_group_attachment", "name": "att", "instances": [{"attributes": {"target_group_arn": "arn:tg", "target_id": "i-1"}}]},
				 {"mode": "managed", "type": "aws_ecs_service", "name": "svc", "instances": [{"attributes": {"id": "arn:ecs", "name": "checkout", "load_balancer": [{"target_group_arn": "arn:tg"}]}, "dependencies": ["aws_lb.web"]}]}
				]}""";
		Snapshot s = TerraformStateMapper.map(TerraformAgent.parse(state), "terraform-x", "state:x", Instant.now());
		assertThat(s.relationships()).anySatisfy(r -> assertThat(r).containsEntry("type", "DEPENDS_ON")
			.containsEntry("from", "lb/aws_lb.web").containsEntry("to", "tg/aws_lb_target_group.tg"));
		assertThat(s.relationships()).anySatisfy(r -> assertThat(r).containsEntry("type", "MEMBER_OF")
			.containsEntry("from", "vm/aws_instance.a"));
		assertThat(s.relationships()).anySatisfy(r -> assertThat(r).containsEntry("type", "DEPENDS_ON")
			.containsEntry("from", "ecs/aws_ecs_service.svc").containsEntry("to", "lb/aws_lb.web"));
	}

	@Test
	void otherFormatsAreRefused() {
		assertThatThrownBy(() -> TerraformStateMapper.map(TerraformAgent.parse("{\"version\": 3}"), "t", "s", Instant.now()))
			.isInstanceOf(AgentException.class).hasMessageContaining("version 4");
	}

}
