CREATE CONSTRAINT idempotency_key_unique IF NOT EXISTS FOR (k:IdempotencyKey) REQUIRE k.key IS UNIQUE;
CREATE INDEX idempotency_key_created IF NOT EXISTS FOR (k:IdempotencyKey) ON (k.createdAt);
