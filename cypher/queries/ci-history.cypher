// h.at IS NOT NULL lets the planner seek the (ciId, at) index: on ciId alone it scans every history entry.
MATCH (h:Change)
WHERE h.ciId = $id AND h.at IS NOT NULL
RETURN h {.*} AS entry
ORDER BY h.at DESC, h.id
LIMIT $first
