// The stored effective values of CIs (or merged CIs' kept nodes), to be taken back to an instant with their history.
UNWIND $ids AS id
CALL (id) {
  MATCH (c:CI {id: id})
  RETURN c
  UNION
  MATCH (c:MergedCI {id: id})
  RETURN c
}
RETURN id, c:MergedCI AS merged, c.status AS status, c.attributes AS attributes, c.identifiers AS identifiers,
       c.name AS name
