// The edges a source asserts already from these CIs: the rows of a chunk that name one of them need no write
// (an unchanged re-send then writes no edge and merges none).
UNWIND $ids AS id
MATCH (a:CI {id: id})-[e]->(b:CI)
WHERE $source IN e.sources
RETURN type(e) + '|' + a.id + '|' + b.id AS key
