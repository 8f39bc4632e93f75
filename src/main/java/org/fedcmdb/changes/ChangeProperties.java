package org.fedcmdb.changes;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code fedcmdb.changes.*}: the change gate.
 *
 * @param modelLocations change-model files after the built-in one
 * @param maxTargets the most targets one change may name (more: 413)
 * @param maxWait the longest long-poll ({@code ?wait=})
 * @param blockingPriorities open incidents of these priorities on the blast radius reject a change
 * @param changeCausedWindow an incident opened this long after a change completed, on its blast radius, is linked to it
 * @param github the GitHub deployment protection rule receiver's webhook secret (absent: the receiver is off)
 */
@ConfigurationProperties("fedcmdb.changes")
public record ChangeProperties(@DefaultValue List<String> modelLocations, @DefaultValue("10000") int maxTargets,
		@DefaultValue("120s") Duration maxWait, @DefaultValue({ "P1", "P2" }) List<String> blockingPriorities,
		@DefaultValue("24h") Duration changeCausedWindow, Github github) {

	/**
	 * The GitHub deployment protection rule receiver: the webhook {@code secret}, the API base callbacks must be on
	 * ({@code api-url}, for GitHub Enterprise), the {@code token} callbacks authenticate with, and per repository the
	 * change's targets (the CLI's syntax: a CI id, {@code Class:identifier=value}, {@code k8s:cluster/namespace/workload},
	 * {@code service:name}) and requested type.
	 */
	public record Github(String secret, @DefaultValue("https://api.github.com") String apiUrl, String token,
			@DefaultValue List<Repository> repositories) {
	}

	public record Repository(String name, @DefaultValue List<String> targets, @DefaultValue("STANDARD") String type) {
	}

}
