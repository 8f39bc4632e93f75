// Import failed: delete a batch of the nodes it created (with their relationships); nodes that existed before stay.
MATCH (n:BackupImport) WHERE n.`_created`
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS n
