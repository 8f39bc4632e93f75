// How many edges of the four types the store holds, with the edge epoch's token read in the same transaction: each
// count comes from the count store (no scan). With none, every source's asserted-edge set is complete and empty.
OPTIONAL MATCH (t:EdgeEpoch {name: 'edges'})
WITH t.token AS token
CALL () {
  MATCH ()-[e:RUNS_ON]->() RETURN count(e) AS n
  UNION ALL
  MATCH ()-[e:HOSTED_ON]->() RETURN count(e) AS n
  UNION ALL
  MATCH ()-[e:DEPENDS_ON]->() RETURN count(e) AS n
  UNION ALL
  MATCH ()-[e:MEMBER_OF]->() RETURN count(e) AS n
}
RETURN token, sum(n) AS edges
