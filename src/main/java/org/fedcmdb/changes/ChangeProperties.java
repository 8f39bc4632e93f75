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

	/** {@code fedcmdb.changes.github.secret}, and the API base for callbacks ({@code api-url}, for GitHub Enterprise). */
	public record Github(String secret, @DefaultValue("https://api.github.com") String apiUrl, String token) {
	}

}
