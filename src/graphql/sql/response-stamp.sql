-- What a cached GraphQL answer is labelled with: the data version and when it last moved. The
-- version alone is a counter that a rolled-back change gives back, so two different uncommitted
-- changes (a test's transactions) could both reach the same number; with the time the change's
-- transaction began beside it, no two changes share a label.
SELECT version::text || ':' || extract(epoch FROM changed_at)::text AS stamp FROM data_version
