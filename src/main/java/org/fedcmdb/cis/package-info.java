/**
 * The CI write model: the only code that changes a CI's stored state. A batch of records is applied to working
 * copies ({@link org.fedcmdb.cis.CiState}), reconciled and written in a few batched statements with its history and
 * events ({@link org.fedcmdb.cis.GraphStore}); merges and splits ({@link org.fedcmdb.cis.MergeService}), withdrawals
 * ({@link org.fedcmdb.cis.Withdrawals}) and staleness ({@link org.fedcmdb.cis.StalenessService}) change CIs the same
 * way, all under one writer lease ({@link org.fedcmdb.cis.WriterLease}).
 */
@ApplicationModule(displayName = "CI write model",
	allowedDependencies = {"catalogue", "events", "graph", "identification", "reconciliation"})
package org.fedcmdb.cis;

import org.springframework.modulith.ApplicationModule;
