// Import: drop the import's bookkeeping from a batch of imported nodes.
MATCH (n:BackupImport)
WITH n LIMIT 10000
REMOVE n:BackupImport, n.`_xid`, n.`_created`
RETURN count(*) AS n
