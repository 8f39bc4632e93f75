package org.fedcmdb.cis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timings of the writer lease ({@link WriterLease}); under {@code fedcmdb.ingest} where they have always been set.
 *
 * @param writerLeaseTtl how long the writer lease lasts unless renewed (an instance that died frees it after this)
 * @param writerLeaseWait how long a writer waits for the lease before giving up (the work is retried)
 */
@ConfigurationProperties("fedcmdb.ingest")
record WriterLeaseProperties(@DefaultValue("30s") Duration writerLeaseTtl, @DefaultValue("2m") Duration writerLeaseWait) {
}
