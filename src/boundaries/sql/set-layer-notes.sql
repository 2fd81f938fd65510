-- Keeps what the import closed or repaired with the layer. $1 int layer id; $2 text notes.
UPDATE police_neighbourhood_layer SET notes = $2::text WHERE id = $1::int;
