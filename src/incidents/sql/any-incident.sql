-- Whether the hub holds any incident yet (a new hub loads the shipped police.uk month).
SELECT EXISTS (SELECT 1 FROM incident) AS "any";
