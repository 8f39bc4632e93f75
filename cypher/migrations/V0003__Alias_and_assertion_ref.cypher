CREATE INDEX alias_survivor IF NOT EXISTS FOR (a:CiAlias) ON (a.survivorId);
CREATE INDEX assertion_source_ref IF NOT EXISTS FOR (a:Assertion) ON (a.source, a.ref);
CREATE INDEX assertion_ci IF NOT EXISTS FOR (a:Assertion) ON (a.ciId);
