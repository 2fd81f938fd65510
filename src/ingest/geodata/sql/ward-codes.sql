-- The codes of every ward held, for a load to tell new wards from those it refreshes.
SELECT code FROM ward;
