-- Whether any police neighbourhood layer is held (a new hub loads the demo layer).
SELECT EXISTS (SELECT 1 FROM police_neighbourhood_layer) AS "any";
