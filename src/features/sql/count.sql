-- How many features an items request matches: the MATCH slot is the collection's match fragment
-- (<collection>-match.sql), with the same parameters as its page statement less the last two.
SELECT count(*)::int AS n
FROM /*MATCH*/;
