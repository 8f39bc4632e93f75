MATCH (a:Alert)
RETURN a.mapped AS mapped, a.status AS status, count(*) AS n
