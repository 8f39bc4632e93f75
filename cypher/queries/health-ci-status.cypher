// CMDB health: CIs by class and status.
MATCH (c:CI)
RETURN c.class AS class, c.status AS status, count(*) AS n
