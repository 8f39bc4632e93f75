// One composite seek for the whole list (see ingest-resolve-refs.cypher for why not UNWIND + equality).
MATCH (a:Assertion)
USING INDEX a:Assertion(source, ref)
WHERE a.source = $source AND a.ref IN $refs
RETURN a.ref AS ref, a.ciId AS id
