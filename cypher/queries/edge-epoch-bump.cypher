// A new token: some source's assertion of some edge was removed (a withdrawal, a merge), so every instance's
// in-memory set of asserted edges made under the old token is no longer trusted. Runs in the transaction that removes.
MERGE (e:EdgeEpoch {name: 'edges'})
SET e.token = $token
