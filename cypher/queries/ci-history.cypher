MATCH (h:Change {ciId: $id})
RETURN h {.*} AS entry
ORDER BY h.at DESC, h.id
LIMIT $first
