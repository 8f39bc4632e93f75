UNWIND $rows AS r
MATCH (k:IdKey {key: r.key})-[x:IDENTIFIES]->(:CI {id: r.ciId})
DELETE x
WITH DISTINCT k
WHERE NOT (k)--()
DELETE k
