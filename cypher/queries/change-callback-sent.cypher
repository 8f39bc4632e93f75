MATCH (c:ChangeRequest {id: $id})
SET c.callbackState = $state, c.callbackAt = $now, c.callbackError = $error, c.callbackAttempts = coalesce(c.callbackAttempts, 0) + 1
