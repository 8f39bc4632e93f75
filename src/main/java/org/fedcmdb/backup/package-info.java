/**
 * Backup, restore and migration: the whole CMDB graph (CIs with ids, identifiers, per-source assertions and
 * provenance, relationships with their sources, history, aliases, token hashes, changes, incidents, events) as one
 * streamed gzip JSON-lines file, and its import into an empty server. Public surface: {@link BackupService}.
 */
package org.fedcmdb.backup;
