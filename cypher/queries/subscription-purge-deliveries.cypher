MATCH (d:Delivery)
WHERE d.at < $before
WITH d LIMIT 10000
DELETE d
RETURN count(*) AS deleted
