-- An administrator's batch job (a geodata load, a police neighbourhood layer, a bulk import) is
-- not a request: its statements (re-assigning every incident after a boundary change) may run
-- past the pool's request timeout. LOCAL: the limit comes back when the transaction ends.
SET LOCAL statement_timeout = '30min';
