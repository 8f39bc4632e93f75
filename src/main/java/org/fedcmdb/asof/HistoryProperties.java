package org.fedcmdb.asof;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention full detail of history (every value's interval, every closed relationship) is kept this long; older
 * history is compacted to the ends of each field's intervals, and as-of questions about before it are refused
 * (AS_OF_BEYOND_RETENTION)
 */
@ConfigurationProperties("fedcmdb.history")
public record HistoryProperties(@DefaultValue("400d") Duration retention) {
}
