UNWIND $rows AS r
CREATE (h:Change)
SET h = r
