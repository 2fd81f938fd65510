-- Records a new, current layer version. $1 force; $2 source; $3 date retrieved or NULL; $4 synthetic.
INSERT INTO police_neighbourhood_layer (force, source, retrieved_at, is_current, synthetic)
VALUES ($1::text, $2::text, $3::date, true, $4::boolean)
RETURNING id;
