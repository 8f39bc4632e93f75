// Import: drop the import's bookkeeping from a batch of imported nodes.
MATCH (n:BackupImport)
WITH n LIMIT 10000
REMOVE n:BackupImport, n.`_xid`, n.`_created`
// an export made before V0019: a live assertion gets its liveScope here, as the migration gave it to the others
FOREACH (_ IN CASE WHEN n:Assertion AND n.withdrawnAt IS NULL AND n.scope IS NOT NULL AND n.liveScope IS NULL
                   THEN [1] ELSE [] END | SET n.liveScope = n.scope)
RETURN count(*) AS n
