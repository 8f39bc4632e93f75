// What a source's last complete FULL snapshot of a scope confirmed: one node per source and scope, moved at that
// snapshot's finish instead of the seen time of every assertion it reported unchanged.
CREATE CONSTRAINT scope_seen_key_unique IF NOT EXISTS FOR (s:ScopeSeen) REQUIRE s.key IS UNIQUE;
