UNWIND $rows AS r
MERGE (a:Alert {key: r.key})
SET a += r
