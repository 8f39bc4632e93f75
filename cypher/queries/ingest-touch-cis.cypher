// An unchanged re-send: the CI's lastSeen moves forward (the assertions are ingest-touch-assertions).
UNWIND $rows AS r
MATCH (c:CI {id: r.ciId})
SET c.lastSeen = CASE WHEN c.lastSeen IS NULL OR r.seen > c.lastSeen THEN r.seen ELSE c.lastSeen END
