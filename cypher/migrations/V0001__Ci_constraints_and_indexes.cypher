// Configuration items: one node per CI, labelled CI plus its class and ancestors.
CREATE CONSTRAINT ci_id_unique IF NOT EXISTS FOR (c:CI) REQUIRE c.id IS UNIQUE;
CREATE INDEX ci_class IF NOT EXISTS FOR (c:CI) ON (c.class);
CREATE INDEX ci_status IF NOT EXISTS FOR (c:CI) ON (c.status);
CREATE INDEX ci_name IF NOT EXISTS FOR (c:CI) ON (c.name);
CREATE TEXT INDEX ci_name_text IF NOT EXISTS FOR (c:CI) ON (c.nameLower);
// Identity keys: normalised identifier values; (:IdKey)-[:IDENTIFIES]->(:CI) makes identification an index lookup.
CREATE CONSTRAINT idkey_unique IF NOT EXISTS FOR (k:IdKey) REQUIRE k.key IS UNIQUE;
// Merged CI ids keep resolving to the survivor.
CREATE CONSTRAINT alias_unique IF NOT EXISTS FOR (a:CiAlias) REQUIRE a.id IS UNIQUE;
