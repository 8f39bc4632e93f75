UNWIND $refs AS ref
MATCH (a:Assertion {source: $source, ref: ref})
RETURN ref, a.ciId AS id
