-- A first load is one transaction across every batch of every file, idle between two batches
-- while the next one is read and checked: lift the pool's idle-in-transaction limit (meant for
-- requests) for that transaction only. LOCAL: it comes back when the transaction ends.
SET LOCAL idle_in_transaction_session_timeout = '30min';
