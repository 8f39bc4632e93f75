package org.fedcmdb.scheduling;

import java.util.List;

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

	public List<AgentInfo> agents() {
		return runs.definitions().stream().map(this::describe).toList();
	}

	private AgentInfo describe(AgentsProperties.AgentDefinition d) {
		var next = jobs.nextFireTime(d.name());
		return new AgentInfo(d.name(), d.type(), AgentRunService.source(d), d.cron(), d.enabled(),
				next == null ? null : next.toInstant(), jobs.isRunning(d.name()));
	}

	/** The newest {@code first} runs of an agent, newest first. */
	public List<AgentRun> runs(String agent, int first) {
		return runs.runs(agent, first);
	}

	/** Queues a run now. @throws IllegalArgumentException for an unknown agent */
	public AgentInfo trigger(String name) {
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
