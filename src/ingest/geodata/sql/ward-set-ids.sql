-- The ward sets held, for a start to tell whether the manifest brings one the database lacks.
SELECT id FROM boundary_set WHERE kind = 'ward';
