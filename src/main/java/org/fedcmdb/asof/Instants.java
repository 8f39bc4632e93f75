package org.fedcmdb.asof;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * The instants an as-of question may name: from the retention horizon (older history is compacted) up to now (the
 * graph of the future is not known).
 */
@Component
public class Instants {

	/** Clocks of callers and servers differ a little: an instant this far ahead of the server's is taken as now. */
	static final Duration SKEW = Duration.ofSeconds(5);

	private final HistoryProperties properties;

	private final Clock clock = Clock.systemUTC();

	Instants(HistoryProperties properties) {
		this.properties = properties;
	}

	/**
	 * @return the instant in epoch milliseconds, or null for null (now)
	 * @throws AsOfException AS_OF_IN_FUTURE after now, AS_OF_BEYOND_RETENTION before the retention horizon
	 */
	public Long check(Instant asOf) {
		if (asOf == null) {
			return null;
		}
		Instant now = clock.instant();
		if (asOf.isAfter(now.plus(SKEW))) {
			throw new AsOfException("AS_OF_IN_FUTURE",
					"asOf " + asOf + " is in the future (now is " + now + "): the graph is known up to now");
		}
		Instant horizon = now.minus(properties.retention());
		if (asOf.isBefore(horizon)) {
			throw new AsOfException("AS_OF_BEYOND_RETENTION", "asOf " + asOf + " is before the history's retention horizon "
					+ horizon + " (fedcmdb.history.retention " + properties.retention() + ")");
		}
		return asOf.isAfter(now) ? now.toEpochMilli() : asOf.toEpochMilli();
	}

	long now() {
		return clock.millis();
	}

}
