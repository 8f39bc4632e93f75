// Nodes an import has written so far (each exported node is one: fewer means the file repeats an id)
MATCH (n:BackupImport)
RETURN count(n) AS n
