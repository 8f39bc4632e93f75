MATCH (c:ChangeRequest {id: $id})
SET c.callbackState = 'DUE', c.callbackUrl = $url, c.callbackEnvironment = $environment
