// Keyset page of the CIs a source asserts in a scope.
MATCH (a:Assertion {source: $source, scope: $scope})
WHERE a.ciId > $after
RETURN a.ciId AS id
ORDER BY id
LIMIT $limit
