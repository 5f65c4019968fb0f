# MariaDB syntax: IF [NOT] EXISTS on columns and indexes, CREATE OR REPLACE, WAIT/NOWAIT, ONLINE, IGNORED indexes,
# SET STATEMENT ... FOR, /*M! comments, PERSISTENT columns, UUID, sequences.
@expect changes 1
CREATE DATABASE src
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT, b INT)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN IF NOT EXISTS c INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN IF NOT EXISTS c BIGINT
;;
@expect changes 3
@split ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT
@split ALTER TABLE t ADD COLUMN IF NOT EXISTS d INT
@split ALTER TABLE t DROP COLUMN IF EXISTS no_such_column
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c int(11) NULL | d int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT, ADD COLUMN IF NOT EXISTS d INT, DROP COLUMN IF EXISTS no_such_column
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP COLUMN IF EXISTS d
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(10) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY COLUMN IF EXISTS c VARCHAR(10)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(10) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY COLUMN IF EXISTS no_such_column INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t CHANGE COLUMN IF EXISTS c c2 VARCHAR(12) NOT NULL
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t CHANGE COLUMN IF EXISTS no_such_column x INT
;;
@expect changes 2
@split ALTER TABLE t ADD COLUMN IF NOT EXISTS e INT
@split ALTER TABLE t ADD COLUMN IF NOT EXISTS f INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN IF NOT EXISTS (e INT, f INT)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | INDEX idx_a(a)
ALTER TABLE t ADD INDEX IF NOT EXISTS idx_a (a)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | INDEX idx_a(a)
ALTER TABLE t ADD INDEX IF NOT EXISTS idx_a (b)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_a(a)
ALTER TABLE t ADD UNIQUE KEY IF NOT EXISTS uk_b (b)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER TABLE t DROP INDEX IF EXISTS idx_a
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER TABLE t DROP INDEX IF EXISTS idx_a
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_e(e)
CREATE INDEX IF NOT EXISTS idx_e ON t (e)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
DROP INDEX IF EXISTS idx_e ON t
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
DROP INDEX IF EXISTS idx_e ON t
;;
@expect changes 1
@columns src.fk_child = id int(11) NOT NULL | pid int(11) NULL
@keys src.fk_child = PRIMARY(id)
CREATE TABLE fk_child (id INT PRIMARY KEY, pid INT)
;;
@expect changes 1
@columns src.fk_child = id int(11) NOT NULL | pid int(11) NULL
@keys src.fk_child = PRIMARY(id) | INDEX fk_p(pid)
ALTER TABLE fk_child ADD CONSTRAINT fk_p FOREIGN KEY IF NOT EXISTS (pid) REFERENCES t (id)
;;
@expect changes 1
@columns src.fk_child = id int(11) NOT NULL | pid int(11) NULL
@keys src.fk_child = PRIMARY(id) | INDEX fk_p(pid)
ALTER TABLE fk_child DROP FOREIGN KEY IF EXISTS fk_p
;;
@expect changes 1
@columns src.fk_child = id int(11) NOT NULL | pid int(11) NULL
@keys src.fk_child = PRIMARY(id) | INDEX fk_p(pid)
ALTER TABLE fk_child DROP FOREIGN KEY IF EXISTS fk_p
;;
@expect changes 1
@routed CREATE OR REPLACE TABLE `dst`.`r` (a INT, b VARCHAR(5))
@columns src.r = a int(11) NULL | b varchar(5) NULL utf8mb4
CREATE OR REPLACE TABLE r (a INT, b VARCHAR(5))
;;
@expect changes 1
@columns src.r = only_col bigint(20) NULL
CREATE OR REPLACE TABLE r (only_col BIGINT)
;;
@expect changes 1
@columns src.r = only_col bigint(20) NULL
CREATE TABLE IF NOT EXISTS r (ignored INT)
;;
@expect changes 1
@columns src.r2 = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.r2 = PRIMARY(id) | UNIQUE uk_b(b)
CREATE OR REPLACE TABLE r2 LIKE t
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` WAIT 5 ADD COLUMN waited INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | waited int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER TABLE t WAIT 5 ADD COLUMN waited INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER TABLE t NOWAIT DROP COLUMN waited
;;
@expect changes 1
@routed ALTER ONLINE TABLE `dst`.`t_merged` ADD COLUMN online_col INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER ONLINE TABLE t ADD COLUMN online_col INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
ALTER IGNORE TABLE t ADD COLUMN ignore_col INT
;;
@expect changes 1
@routed SET STATEMENT max_statement_time=60 FOR ALTER TABLE `dst`.`t_merged` ADD COLUMN set_for INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL | set_for int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
SET STATEMENT max_statement_time=60 FOR ALTER TABLE t ADD COLUMN set_for INT
;;
@expect changes 2
@split SET STATEMENT max_statement_time=60 FOR ALTER TABLE t ADD COLUMN sf1 INT
@split SET STATEMENT max_statement_time=60 FOR ALTER TABLE t ADD COLUMN sf2 INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL | set_for int(11) NULL | sf1 int(11) NULL | sf2 int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b)
SET STATEMENT max_statement_time=60 FOR ALTER TABLE t ADD COLUMN sf1 INT, ADD COLUMN sf2 INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL | set_for int(11) NULL | sf1 int(11) NULL | sf2 int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_ignored(a) INVISIBLE
ALTER TABLE t ADD INDEX idx_ignored (a) IGNORED
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL | set_for int(11) NULL | sf1 int(11) NULL | sf2 int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_ignored(a)
ALTER TABLE t ALTER INDEX idx_ignored NOT IGNORED
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c2 varchar(12) NOT NULL utf8mb4 | e int(11) NULL | f int(11) NULL | online_col int(11) NULL | ignore_col int(11) NULL | set_for int(11) NULL | sf1 int(11) NULL | sf2 int(11) NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_ignored(a) INVISIBLE
ALTER TABLE t ALTER INDEX idx_ignored IGNORED
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL
@keys src.mt = INDEX ik(k) INVISIBLE
CREATE TABLE mt (a INT, b INT AS (a + 1) PERSISTENT, c INT AS (a + 2) VIRTUAL, u UUID, k INT, INDEX ik (k) IGNORED)
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL | u2 uuid NOT NULL
@keys src.mt = INDEX ik(k) INVISIBLE
ALTER TABLE mt ADD COLUMN u2 UUID NOT NULL
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL | u2 uuid NOT NULL | inv int(11) NULL
@keys src.mt = INDEX ik(k) INVISIBLE
ALTER TABLE mt ADD COLUMN inv INT INVISIBLE
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL | u2 uuid NOT NULL | inv int(11) NULL
@keys src.mt = INDEX ik(k) INVISIBLE
ALTER TABLE mt MODIFY inv INT
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL | u2 uuid NOT NULL | inv int(11) NULL | from_mariadb_comment int(11) NULL
@keys src.mt = INDEX ik(k) INVISIBLE
ALTER TABLE mt /*M!100100 ADD COLUMN from_mariadb_comment INT */
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k int(11) NULL | u2 uuid NOT NULL | inv int(11) NULL | from_mariadb_comment int(11) NULL | v_comment int(11) NULL
@keys src.mt = INDEX ik(k) INVISIBLE
ALTER TABLE mt ADD COLUMN v_comment INT /*M!100301 COMMENT 'only on MariaDB 10.3.1+' */
;;
@expect changes 1
@columns src.mt = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | u uuid NULL | k2 int(11) NULL | u2 uuid NOT NULL | inv int(11) NULL | from_mariadb_comment int(11) NULL | v_comment int(11) NULL
@keys src.mt = INDEX ik(k2) INVISIBLE
ALTER TABLE mt RENAME COLUMN k TO k2
;;
@expect ignored CREATE SEQUENCE
CREATE SEQUENCE seq1 START WITH 1 INCREMENT BY 1
;;
@expect ignored ALTER SEQUENCE
ALTER SEQUENCE seq1 RESTART WITH 10
;;
@expect ignored DROP SEQUENCE
DROP SEQUENCE IF EXISTS seq1
;;
@expect changes 1
@no-server system versioning adds the invisible row_start/row_end columns, which the tracker does not model
@columns src.versioned = a int(11) NULL
CREATE TABLE versioned (a INT) WITH SYSTEM VERSIONING
;;
@expect changes 1
@no-server see above
@absent src.versioned
DROP TABLE versioned
;;
@expect error
CREATE TABLE inet (a INET6, b INET4)
;;
@expect error
ALTER TABLE t ADD PERIOD FOR SYSTEM_TIME (s, e)
;;
@expect error
ALTER TABLE t ADD COLUMN z TEXT COMPRESSED
;;
