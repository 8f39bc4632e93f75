// Import of a backup: nodes carry their exported id (_xid) under the BackupImport label until every relationship is
// linked; this index makes each link an index look-up. Empty outside an import.
CREATE INDEX backup_import_xid IF NOT EXISTS FOR (n:BackupImport) ON (n._xid);
