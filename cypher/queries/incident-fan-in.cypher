// How many CIs depend on each CI (in-degree over dependency edges, read from the degree store): a CI thousands depend
// on (a core switch) links unrelated alerts only when it alerts itself.
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN id, COUNT { (c)<-[:RUNS_ON|HOSTED_ON|DEPENDS_ON|MEMBER_OF]-() } AS fanIn
