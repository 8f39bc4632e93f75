// Import: the single-property uniqueness constraints of the target, so that a node the fresh server already has (a
// sequence, a lock) is merged on its key instead of created twice.
SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY'] AND size(properties) = 1
RETURN labelsOrTypes[0] AS label, properties[0] AS key
