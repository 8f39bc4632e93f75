package org.fedcmdb.scheduling;

import java.util.Date;

import org.fedcmdb.cis.StalenessService;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts the configured agents and the staleness job on Quartz: one job per agent with its cron, never two runs of the
 * same agent at once, missed fire times skipped rather than replayed in a burst after a pause, and each fire run by
 * one instance of a cluster ({@link ClusterJobs}).
 */
@Component
class QuartzJobs {

	private static final Logger log = LoggerFactory.getLogger(QuartzJobs.class);

	static final String GROUP = "agents";

	private final Scheduler scheduler;

	private final AgentRunService runs;

	QuartzJobs(Scheduler scheduler, AgentRunService runs) {
		this.scheduler = scheduler;
		this.runs = runs;
	}

	@EventListener(ApplicationReadyEvent.class)
	void schedule() throws SchedulerException {
		for (AgentsProperties.AgentDefinition d : runs.definitions()) {
			JobDetail job = JobBuilder.newJob(AgentJob.class).withIdentity(d.name(), GROUP).usingJobData("agent", d.name())
				.storeDurably().build();
			scheduler.addJob(job, true);
			if (d.enabled() && d.cron() != null && !d.cron().isBlank()) {
				Trigger trigger = TriggerBuilder.newTrigger().withIdentity(d.name(), GROUP).forJob(job)
					.withSchedule(CronScheduleBuilder.cronSchedule(d.cron()).withMisfireHandlingInstructionDoNothing())
					.build();
				scheduler.scheduleJob(trigger);
				log.info("Agent {} ({}) scheduled '{}', next at {}", d.name(), d.type(), d.cron(), trigger.getNextFireTime());
			}
		}
		JobDetail stale = JobBuilder.newJob(StalenessJob.class).withIdentity("staleness", "system").storeDurably().build();
		scheduler.addJob(stale, true);
		scheduler.scheduleJob(TriggerBuilder.newTrigger().withIdentity("staleness", "system").forJob(stale)
			.startAt(new Date(System.currentTimeMillis() + runs.staleInterval().toMillis()))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(runs.staleInterval().toMillis())
				.repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
			.build());
	}

	Date nextFireTime(String agent) {
		try {
			Trigger t = scheduler.getTrigger(TriggerKey.triggerKey(agent, GROUP));
			return t == null ? null : t.getNextFireTime();
		}
		catch (SchedulerException ex) {
			return null;
		}
	}

	boolean isRunning(String agent) {
		try {
			return scheduler.getCurrentlyExecutingJobs().stream()
				.anyMatch(c -> c.getJobDetail().getKey().equals(JobKey.jobKey(agent, GROUP)));
		}
		catch (SchedulerException ex) {
			return false;
		}
	}

	/**
	 * One agent run; Quartz never starts a second while one runs here, and the fire is claimed in the database so that
	 * another instance on the same schedule skips it.
	 */
	@DisallowConcurrentExecution
	static class AgentJob implements Job {

		private final AgentRunService runs;

		private final ClusterJobs cluster;

		AgentJob(AgentRunService runs, ClusterJobs cluster) {
			this.runs = runs;
			this.cluster = cluster;
		}

		@Override
		public void execute(JobExecutionContext context) {
			String agent = context.getMergedJobDataMap().getString("agent");
			long fire = context.getScheduledFireTime().getTime();
			if (cluster.claim("agent:" + agent, fire)) {
				runs.run(agent, fire);
			}
		}

	}

	/** Applies ACTIVE → STALE → RETIRED as sources age past their windows. */
	@DisallowConcurrentExecution
	static class StalenessJob implements Job {

		private final StalenessService staleness;

		private final ClusterJobs cluster;

		private final AgentRunService runs;

		StalenessJob(StalenessService staleness, ClusterJobs cluster, AgentRunService runs) {
			this.staleness = staleness;
			this.cluster = cluster;
			this.runs = runs;
		}

		@Override
		public void execute(JobExecutionContext context) {
			// instances start at different times: the slot is wall-clock time in whole intervals, the same for all
			if (cluster.claim("staleness", System.currentTimeMillis() / runs.staleInterval().toMillis())) {
				staleness.run();
			}
		}

	}

}
