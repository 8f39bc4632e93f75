// The token under which a snapshot's remembered refs (SnapshotRefs: ref -> CI id) are valid; null before the first
// identity change.
OPTIONAL MATCH (e:IdentityEpoch {name: 'identity'})
RETURN e.token AS token
