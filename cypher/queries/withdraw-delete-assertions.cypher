UNWIND $keys AS key
MATCH (a:Assertion {key: key})
DETACH DELETE a
