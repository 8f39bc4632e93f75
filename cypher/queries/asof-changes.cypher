// The history entries that changed effective values of these CIs after $t, for their values as of $t
// (graph.Revisions undoes them newest first). A survivor's entries only: those of CIs merged into it keep their own
// id as originalCiId (asof-changes-merged).
UNWIND $ids AS id
MATCH (h:Change)
WHERE h.ciId = id AND h.at > $t AND h.originalCiId IS NULL AND h.kind IN ['ATTRIBUTE', 'IDENTIFIER', 'STATUS']
RETURN id, h.kind AS kind, h.field AS field, h.oldValue AS oldValue, h.at AS at
