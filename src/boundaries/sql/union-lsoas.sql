-- The union of groups of LSOAs, as RFC 7946 GeoJSON MultiPolygons. $1 text[] LSOA codes;
-- $2 int[] their group numbers (same length).
SELECT g.grp, ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_Union(l.geom))), 6)::json AS geometry
FROM unnest($1::text[], $2::int[]) AS g(code, grp)
JOIN lsoa l ON l.code = g.code
GROUP BY g.grp
ORDER BY g.grp;
