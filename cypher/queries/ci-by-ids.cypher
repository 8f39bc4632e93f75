// CIs by id, as CiView reads them, with their last sighting (cypher/fragments/ci-last-seen).
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.*, labels: labels(c), lastSeen: {{ci-last-seen}}} AS ci
