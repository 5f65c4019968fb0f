# MySQL 8 syntax, modelled with the MySQL 8 dialect (no integer display widths, JSON is json). The test servers
# are MariaDB, so none of these runs in CorpusServerIT; the expectations follow the MySQL 8.0 reference manual.
@dialect mysql8
@expect changes 1
@no-server MySQL 8 file
CREATE DATABASE src
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(20), j JSON, flag TINYINT(1), z INT(8) ZEROFILL, y YEAR) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN hidden INT INVISIBLE
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER COLUMN hidden SET VISIBLE
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER COLUMN a SET INVISIBLE
;;
@expect changes 2
@no-server MySQL 8 file
@split ALTER TABLE t ALTER COLUMN a SET DEFAULT (a + 1)
@split ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x'
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER COLUMN a SET DEFAULT (a + 1), ALTER COLUMN b SET DEFAULT 'x'
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE
ALTER TABLE t ADD INDEX idx_b (b) INVISIBLE
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b)
ALTER TABLE t ALTER INDEX idx_b VISIBLE
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE
ALTER TABLE t ALTER INDEX idx_b INVISIBLE
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b)
ALTER TABLE t ADD INDEX idx_fn ((a + 1), b)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30))))
CREATE INDEX idx_json ON t ((CAST(j->>'$.name' AS CHAR(30))))
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD INDEX ((a * 2))
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD CONSTRAINT ck_a CHECK (a > 0) NOT ENFORCED
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ALTER CHECK ck_a ENFORCED
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t DROP CHECK ck_a
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_b(b) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD CONSTRAINT uk_b UNIQUE (b)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b) INVISIBLE | INDEX idx_fn((a + 1),b) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t DROP CONSTRAINT uk_b
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b2 varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b2) INVISIBLE | INDEX idx_fn((a + 1),b2) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t RENAME COLUMN b TO b2
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b2 varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL | created datetime NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b2) INVISIBLE | INDEX idx_fn((a + 1),b2) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD COLUMN created DATETIME DEFAULT (CURRENT_TIMESTAMP)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b2 varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL | created datetime NULL | uid binary(16) NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b2) INVISIBLE | INDEX idx_fn((a + 1),b2) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD COLUMN uid BINARY(16) DEFAULT (UUID_TO_BIN(UUID()))
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.t = id int NOT NULL | a int NULL | b2 varchar(20) NULL utf8mb4 | j json NULL | flag tinyint(1) NULL | z int(8) unsigned zerofill NULL | y year NULL | hidden int NULL | created datetime NULL | uid binary(16) NULL | big bigint unsigned NOT NULL
@keys src.t = PRIMARY(id) | INDEX idx_b(b2) INVISIBLE | INDEX idx_fn((a + 1),b2) | INDEX idx_json((CAST(j->>'$.name' AS CHAR(30)))) | INDEX functional_index((a * 2))
ALTER TABLE t ADD COLUMN big BIGINT UNSIGNED NOT NULL DEFAULT 0, ALGORITHM=INSTANT
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.enc = a int NULL
CREATE TABLE enc (a INT) ENGINE=InnoDB /*!80016 DEFAULT ENCRYPTION='N' */
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.gen8 = a int NULL | b int NOT NULL GENERATED | c json NULL | d int NULL GENERATED
CREATE TABLE gen8 (a INT, b INT GENERATED ALWAYS AS (a * 2) VIRTUAL NOT NULL, c JSON, d INT AS (c->>'$.d') STORED)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.desc8 = a int NOT NULL | b int NOT NULL
@keys src.desc8 = PRIMARY(a DESC,b)
CREATE TABLE desc8 (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a DESC, b))
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.col8 = a varchar(10) NULL utf8mb4 | b text NULL utf8mb3 | c char(3) NULL utf8mb3
CREATE TABLE col8 (a VARCHAR(10) COLLATE utf8mb4_0900_as_cs, b TEXT CHARACTER SET utf8mb3, c CHAR(3) CHARACTER SET utf8)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.ints8 = a int NULL | b bigint unsigned NULL | c tinyint(1) NULL | d tinyint NULL | e smallint(3) unsigned zerofill NULL | f tinyint(1) NULL | g bigint unsigned NOT NULL
@keys src.ints8 = UNIQUE g(g)
CREATE TABLE ints8 (a INT, b BIGINT UNSIGNED, c TINYINT(1), d TINYINT(2), e SMALLINT(3) ZEROFILL, f BOOLEAN, g SERIAL)
;;
@expect changes 1
@no-server MySQL 8 file
@columns src.inv8 = a int NULL | b int NULL
@keys src.inv8 = INDEX kb(b) INVISIBLE
CREATE TABLE inv8 (a INT, b INT INVISIBLE, KEY kb (b) INVISIBLE)
;;
@expect error
@no-server MySQL 8 file
ALTER TABLE t ADD COLUMN geo POINT NOT NULL SRID 4326
;;
@expect ignored CREATE ROLE
@no-server MySQL 8 file
CREATE ROLE 'app_read'
;;
@expect ignored GRANT
@no-server MySQL 8 file
GRANT 'app_read' TO 'someone'@'%'
;;
@expect ignored ALTER USER
@no-server MySQL 8 file
ALTER USER 'app'@'%' PASSWORD EXPIRE INTERVAL 90 DAY FAILED_LOGIN_ATTEMPTS 3
;;
@expect ignored ALTER INSTANCE
@no-server MySQL 8 file
ALTER INSTANCE ROTATE INNODB MASTER KEY
;;
