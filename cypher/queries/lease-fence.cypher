// Run inside a write transaction: fails it (held = 0) unless $me still holds an unexpired lease. Setting a property
// also write-locks the lease node until commit, so two fenced transactions never interleave their commits, and the
// lease is checked under the lock the commit holds. The CI batches run it last (before the event sequence), so that
// the next batch is built while one commits (Transactions.writeInOrder).
MATCH (l:WriterLease {name: $name})
WHERE l.holder = $me AND l.expiresAt >= timestamp()
SET l.fencedAt = timestamp()
RETURN count(l) AS held
