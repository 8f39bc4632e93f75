package org.fedcmdb.scheduling;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agents the server runs in-process on Quartz schedules, and the staleness job's period.
 *
 * <pre>
 * fedcmdb.scheduling.agents[0].name=dc1-scan
 * fedcmdb.scheduling.agents[0].type=network
 * fedcmdb.scheduling.agents[0].source=nmap-dc1
 * fedcmdb.scheduling.agents[0].cron=0 0 * * * ?
 * fedcmdb.scheduling.agents[0].settings.targets=10.0.0.0/24
 * </pre>
 */
@ConfigurationProperties("fedcmdb.scheduling")
record AgentsProperties(@DefaultValue List<AgentDefinition> agents, @DefaultValue("5m") Duration staleCheckInterval,
		@DefaultValue("true") boolean enabled) {

	/**
	 * @param cron Quartz cron expression (seconds first); empty: run only on demand ({@code runAgent})
	 * @param timeout the longest a run may take; a run past it fails and posts nothing
	 */
	record AgentDefinition(String name, String type, String source, String cron, @DefaultValue("30m") Duration timeout,
			@DefaultValue("true") boolean enabled, @DefaultValue Map<String, String> settings) {
	}

}
