-- Takes incident for the end of a first load: from here until commit readers wait too, so that none
-- sees incident without its indexes while they are dropped and built again (DROP INDEX would take
-- this lock anyway; taken here first, under first-load-lock-wait's limit).
LOCK TABLE incident IN ACCESS EXCLUSIVE MODE;
