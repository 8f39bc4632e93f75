// Changes requested through GitHub whose decision GitHub has not been told yet.
MATCH (c:ChangeRequest {callbackState: 'DUE'})
WHERE c.status <> 'PENDING'
RETURN c.id AS id, c.status AS status, c.callbackUrl AS url, c.callbackEnvironment AS environment,
       c.reasons AS reasons, c.type AS type
LIMIT 50
