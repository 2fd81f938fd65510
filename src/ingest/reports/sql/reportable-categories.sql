-- Categories a street-scene report may use.
SELECT slug FROM incident_category WHERE kind IN ('street_scene', 'enforcement', 'fire');
