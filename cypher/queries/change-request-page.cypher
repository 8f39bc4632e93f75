MATCH (c:ChangeRequest)
WHERE ($status IS NULL OR c.status = $status) AND ($review IS NULL OR c.awaitingReview = $review)
  AND ($before IS NULL OR c.number < $before)
RETURN c {.*} AS change
ORDER BY c.number DESC
LIMIT $limit
