// A new signing secret: the one it replaces keeps signing beside it until $until (both in webhook-signature), moved
// here rather than read and written back, so that two rotations at once cannot lose the secret that was current. The
// generation rises, as with any administrator's change.
MATCH (s:Subscription {id: $id})
SET s.previousSecret = s.secret, s.previousSecretUntil = $until, s.secret = $secret, s.secretRotatedAt = $now,
    s.generation = coalesce(s.generation, 0) + 1
RETURN s {.*} AS subscription
