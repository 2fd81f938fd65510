-- The foreign-key check of a bulk chunk, once per referenced key instead of seven times per row:
-- locks each row the inserted rows refer to (ward, area, LSOA, police neighbourhood, category)
-- FOR KEY SHARE, as PostgreSQL's own check does, so that none can be deleted or re-keyed before
-- the chunk commits, and returns the keys that no longer exist (one deleted since the chunk was
-- placed); the importer then fails the chunk, as the constraint would have.
WITH wards AS (
  SELECT DISTINCT v.k FROM police_written w CROSS JOIN LATERAL (VALUES (w.ward_code), (w.month_ward_code)) v(k)
  WHERE v.k IS NOT NULL
),
ward_locked AS (SELECT code FROM ward WHERE code IN (SELECT k FROM wards) FOR KEY SHARE),
areas AS (
  SELECT DISTINCT v.k FROM police_written w CROSS JOIN LATERAL (VALUES (w.area_code), (w.month_area_code)) v(k)
  WHERE v.k IS NOT NULL
),
area_locked AS (SELECT code FROM area WHERE code IN (SELECT k FROM areas) FOR KEY SHARE),
lsoas AS (SELECT DISTINCT lsoa_code AS k FROM police_written WHERE lsoa_code IS NOT NULL),
lsoa_locked AS (SELECT code FROM lsoa WHERE code IN (SELECT k FROM lsoas) FOR KEY SHARE),
neighbourhoods AS (
  SELECT DISTINCT police_neighbourhood_id AS k FROM police_written WHERE police_neighbourhood_id IS NOT NULL
),
neighbourhood_locked AS (
  SELECT id FROM police_neighbourhood WHERE id IN (SELECT k FROM neighbourhoods) FOR KEY SHARE
),
categories AS (SELECT DISTINCT category_slug AS k FROM police_written),
category_locked AS (SELECT slug FROM incident_category WHERE slug IN (SELECT k FROM categories) FOR KEY SHARE)
SELECT ARRAY(SELECT 'ward ' || k FROM wards WHERE k NOT IN (SELECT code FROM ward_locked))
    || ARRAY(SELECT 'area ' || k FROM areas WHERE k NOT IN (SELECT code FROM area_locked))
    || ARRAY(SELECT 'LSOA ' || k FROM lsoas WHERE k NOT IN (SELECT code FROM lsoa_locked))
    || ARRAY(SELECT 'police neighbourhood ' || k FROM neighbourhoods WHERE k NOT IN (SELECT id FROM neighbourhood_locked))
    || ARRAY(SELECT 'category ' || k FROM categories WHERE k NOT IN (SELECT slug FROM category_locked)) AS missing;
