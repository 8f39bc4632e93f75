// A new token: some source's assertion of some edge was added or removed, so every other instance's in-memory set of
// asserted edges made under the old token is no longer trusted. Runs in the transaction that writes the edges and
// returns the token it replaces, read under the node's write lock (the first SET takes it, held to the commit): a
// token read before the lock could miss a move another transaction committed meanwhile, and this instance would then
// chain its sets across it.
MERGE (e:EdgeEpoch {name: 'edges'})
SET e.locked = true
WITH e, e.token AS old
SET e.token = $token
RETURN old
