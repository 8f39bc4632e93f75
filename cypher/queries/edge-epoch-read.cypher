// The token under which in-memory sets of asserted edges (AssertedEdges) are valid; null before the first write.
OPTIONAL MATCH (e:EdgeEpoch {name: 'edges'})
RETURN e.token AS token
