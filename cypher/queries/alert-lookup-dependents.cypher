// The CIs that run on or are hosted on a CI (an alert's refinement: the application listening on its port).
MATCH (c:CI {id: $id})<-[:RUNS_ON|HOSTED_ON]-(d:CI)
RETURN d.id AS id, labels(d) AS labels, d.status AS status, d.identifiers AS identifiers, d.attributes AS attributes
LIMIT 500
