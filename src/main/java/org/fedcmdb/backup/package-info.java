/**
 * Backup, restore and migration: the whole CMDB graph (CIs with ids, identifiers, per-source assertions and
 * provenance, relationships with their sources, history, aliases, token hashes, changes, incidents, events) as one
 * streamed gzip JSON-lines file, and its import into an empty server. Public surface: {@link BackupService}.
 */
@ApplicationModule(displayName = "Backup and restore",
	allowedDependencies = {"graph", "security"})
package org.fedcmdb.backup;

import org.springframework.modulith.ApplicationModule;
