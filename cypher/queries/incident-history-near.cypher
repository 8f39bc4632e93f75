// History entries of some CIs within a window: "what changed" before an incident.
UNWIND $ids AS id
MATCH (h:Change {ciId: id})
WHERE h.at >= $from AND h.at <= $to
RETURN h {.*} AS entry
ORDER BY h.at DESC
LIMIT $limit
