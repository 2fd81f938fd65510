-- Whether a ward boundary set is held. $1 text set id.
SELECT EXISTS (SELECT 1 FROM boundary_set WHERE id = $1::text AND kind = 'ward') AS held;
