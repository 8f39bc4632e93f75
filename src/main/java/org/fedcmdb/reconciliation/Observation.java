package org.fedcmdb.reconciliation;

/** One source's last reported value of one attribute, with when that source observed it (epoch millis). */
public record Observation(Object value, long observedAt) {
}
