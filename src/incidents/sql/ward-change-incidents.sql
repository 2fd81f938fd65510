-- Where the incidents placed in a ward of an earlier set (in its own months) sit on the current
-- wards: the incidents' share of the change. $1 text the old ward.
SELECT ward_code AS "wardCode", count(*)::int AS n
FROM incident
WHERE month_ward_code = $1::text AND ward_code IS NOT NULL
GROUP BY ward_code;
