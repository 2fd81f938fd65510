-- Records that an import of a file has started. $1 source, $2 file. Returns its id.
INSERT INTO import_run (source, file, status) VALUES ($1, $2, 'running') RETURNING id;
