// Keyset page of the CIs a source asserts in a scope.
MATCH (a:Assertion {source: $source, scope: $scope})
WHERE a.ciId > $after AND a.withdrawnAt IS NULL
RETURN a.ciId AS id
ORDER BY id
LIMIT $limit
