// Claims of fires long past: kept a day for diagnosis, then deleted.
MATCH (f:JobFire) WHERE f.at < $before
WITH f LIMIT 10000
DELETE f
