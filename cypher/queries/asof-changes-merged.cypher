// The history entries that changed effective values of these merged CIs after $t (their kept MergedCI nodes answer
// as-of questions about before the merge); recorded for them, moved to the survivor with originalCiId.
UNWIND $ids AS id
MATCH (h:Change)
WHERE h.originalCiId = id AND h.at > $t AND h.kind IN ['ATTRIBUTE', 'IDENTIFIER', 'STATUS']
RETURN id, h.kind AS kind, h.field AS field, h.oldValue AS oldValue, h.at AS at
