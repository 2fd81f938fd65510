-- Every board, by name.
SELECT /*BOARD_COLUMNS*/ FROM board b ORDER BY b.name;
