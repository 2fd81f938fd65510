-- Neighbourhood plans by id (loader batch). $1 int[] ids.
SELECT /*PLAN_COLUMNS*/ FROM neighbourhood_plan p WHERE p.id = ANY($1::int[]);
