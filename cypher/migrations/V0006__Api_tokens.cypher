CREATE INDEX api_token_hash IF NOT EXISTS FOR (t:ApiToken) ON (t.hash);
CREATE INDEX api_token_name IF NOT EXISTS FOR (t:ApiToken) ON (t.name);
