// Refs of unchanged records a snapshot did not write, when an assertion may have moved to another CI since: the live
// assertion of the source in the snapshot's scope that carries each ref (one composite seek for the whole list, see
// ingest-resolve-refs).
MATCH (a:Assertion)
USING INDEX a:Assertion(source, ref)
WHERE a.source = $source AND a.ref IN $refs AND a.scope = $scope AND a.withdrawnAt IS NULL
RETURN a.ref AS ref, a.ciId AS id
