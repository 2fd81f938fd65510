-- An agency's code, when the hub holds it. $1 code.
SELECT code FROM agency WHERE code = $1::text;
