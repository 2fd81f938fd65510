-- Incidents per month for re-estimating a ward of an earlier set (loader-free, one ward per call):
-- those placed in the old ward itself (its own months), and those of each current ward that took
-- part of it (every month), so that months after the old set ended can be apportioned.
-- $1 text the old ward; $2 text[] the current wards that took its land; $3 date first month;
-- $4 date last month; $5 text[] categories or NULL. Uses the covering (ward, month, category)
-- indexes on both placements.
SELECT 'old' AS side, $1::text AS "wardCode", to_char(month, 'YYYY-MM') AS month, count(*)::int AS n
FROM incident
WHERE month_ward_code = $1::text
  AND month BETWEEN $3::date AND $4::date
  AND ($5::text[] IS NULL OR category_slug = ANY($5::text[]))
GROUP BY month
UNION ALL
SELECT 'current', ward_code, to_char(month, 'YYYY-MM'), count(*)::int
FROM incident
WHERE ward_code = ANY($2::text[])
  AND month BETWEEN $3::date AND $4::date
  AND ($5::text[] IS NULL OR category_slug = ANY($5::text[]))
GROUP BY ward_code, month;
