-- The end of a first load: keeps every other writer of incident (and another import) out until
-- commit, while readers go on reading. SHARE ROW EXCLUSIVE conflicts with the ROW EXCLUSIVE lock
-- every INSERT, UPDATE and DELETE takes, and with itself, but not with a SELECT's ACCESS SHARE.
-- Taken before the data version is bumped, in the order an incident writer takes them (its
-- statement's table lock, then its trigger's data-version row), so the two queue, not deadlock.
LOCK TABLE incident IN SHARE ROW EXCLUSIVE MODE;
