-- Every boundary set held, by kind and oldest first.
SELECT id, kind, vintage, source, licence, valid_from::text AS "validFrom", valid_to::text AS "validTo",
       lsoa_set_id AS "lsoaSetId"
FROM boundary_set
ORDER BY kind DESC, valid_from;
