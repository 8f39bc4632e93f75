// Keyset page of the CIs a source asserts in a scope: a range seek on the (source, scope, ciId) index, in its order
// (ORDER BY names the index's keys so that the planner takes the order from the index and stops after $limit).
MATCH (a:Assertion)
WHERE a.source = $source AND a.scope = $scope AND a.ciId > $after AND a.withdrawnAt IS NULL
RETURN a.ciId AS id
ORDER BY a.source, a.scope, a.ciId
LIMIT $limit
