-- Back to no limit on lock waits for the rest of the first load (first-load-lock-wait).
SET LOCAL lock_timeout = 0;
