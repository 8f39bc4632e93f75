// a runtime token: only the hash of its secret is stored
CREATE (t:ApiToken {name: $n, hash: $h, roles: $r, sources: $s, createdAt: timestamp()})
