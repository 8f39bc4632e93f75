package org.fedcmdb.scheduling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.Json;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Service;

/** The agents' schedules and history as the API shows them, and on-demand runs through Quartz. */
@Service
public class AgentScheduling {

	private final AgentRunService runs;

	private final QuartzJobs jobs;

	private final Scheduler scheduler;

	AgentScheduling(AgentRunService runs, QuartzJobs jobs, Scheduler scheduler) {
		this.runs = runs;
		this.jobs = jobs;
		this.scheduler = scheduler;
	}

	public List<Map<String, Object>> agents() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (AgentsProperties.AgentDefinition d : runs.definitions()) {
			out.add(describe(d));
		}
		return out;
	}

	private Map<String, Object> describe(AgentsProperties.AgentDefinition d) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("name", d.name());
		m.put("type", d.type());
		m.put("source", d.source() != null ? d.source() : d.type());
		m.put("cron", d.cron());
		m.put("enabled", d.enabled());
		var next = jobs.nextFireTime(d.name());
		m.put("nextFireTime", next == null ? null : next.toInstant());
		m.put("running", jobs.isRunning(d.name()));
		return m;
	}

	public List<Map<String, Object>> runs(String agent, int first) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map<String, Object> r : runs.runs(agent, first)) {
			Map<String, Object> m = new LinkedHashMap<>(r);
			m.put("counts", r.get("counts") == null ? null : Json.readMap((String) r.get("counts")));
			out.add(m);
		}
		return out;
	}

	/** Queues a run now. @throws IllegalArgumentException for an unknown agent */
	public Map<String, Object> trigger(String name) {
		AgentsProperties.AgentDefinition d = runs.definition(name);
		if (d == null) {
			throw new IllegalArgumentException("no agent named " + name);
		}
		try {
			scheduler.triggerJob(JobKey.jobKey(name, QuartzJobs.GROUP));
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException("cannot queue agent " + name + ": " + ex.getMessage(), ex);
		}
		return describe(d);
	}

}
