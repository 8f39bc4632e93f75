MATCH (k:IdempotencyKey {key: $key})
SET k.state = 'DONE', k.response = $response
