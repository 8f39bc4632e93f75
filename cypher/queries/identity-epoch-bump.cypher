// A new token: some assertion now belongs to another CI than before (a merge, a split, a restore), so the refs every
// instance remembers for the snapshots it applies (SnapshotRefs) are no longer trusted. Runs in the transaction that
// moves the assertions, or under the same writer lease right after it.
MERGE (e:IdentityEpoch {name: 'identity'})
SET e.token = $token
