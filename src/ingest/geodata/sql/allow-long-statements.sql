-- A geodata load is an administrator's batch job, not a request: its statements (re-assigning
-- every incident after a boundary change) may run past the pool's request timeout.
SET LOCAL statement_timeout = '30min';
