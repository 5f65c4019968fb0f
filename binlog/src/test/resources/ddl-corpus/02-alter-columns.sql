# ALTER TABLE on columns: ADD / DROP / MODIFY / CHANGE / RENAME COLUMN, positions, defaults, splitting.
@expect changes 1
CREATE DATABASE src
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a INT, b VARCHAR(20), c DATETIME)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD d INT
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | d int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD d INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | d int(11) NULL | e bigint(20) unsigned NOT NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN e BIGINT UNSIGNED NOT NULL DEFAULT 0
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | a int(11) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | d int(11) NULL | e bigint(20) unsigned NOT NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN f0 CHAR(2) FIRST
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | d int(11) NULL | e bigint(20) unsigned NOT NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN a2 DECIMAL(9,2) AFTER a
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | d int(11) NULL | e bigint(20) unsigned NOT NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD g VARCHAR(30) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL AFTER id
;;
@expect changes 3
@split ALTER TABLE t ADD h1 INT
@split ALTER TABLE t ADD h2 INT AFTER h1
@split ALTER TABLE t DROP d
@routed ALTER TABLE `dst`.`t_merged` ADD h1 INT
@routed ALTER TABLE `dst`.`t_merged` ADD h2 INT AFTER h1
@routed ALTER TABLE `dst`.`t_merged` DROP d
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD h1 INT, ADD h2 INT AFTER h1, DROP d
;;
@expect changes 2
@split ALTER TABLE t ADD COLUMN i1 INT
@split ALTER TABLE t ADD COLUMN i2 VARCHAR(5) NOT NULL
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN (i1 INT, i2 VARCHAR(5) NOT NULL)
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD (i3 TINYINT)
;;
@expect changes 3
@split ALTER TABLE t ADD COLUMN j1 INT
@split ALTER TABLE t ADD j2 INT
@split ALTER TABLE t ADD COLUMN j3 TEXT
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | j1 int(11) NULL | j2 int(11) NULL | j3 text NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN (j1 INT), ADD j2 INT, ADD (j3 TEXT)
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | j1 int(11) NULL | j2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP COLUMN j3
;;
@expect changes 2
@split ALTER TABLE t DROP j1
@split ALTER TABLE t DROP COLUMN j2
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a int(11) NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP j1, DROP COLUMN j2
;;
@expect mismatch
ALTER TABLE t DROP COLUMN no_such_column
;;
@expect mismatch
ALTER TABLE t ADD COLUMN a INT
;;
@expect mismatch
ALTER TABLE t ADD COLUMN k INT AFTER no_such_column
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a bigint(20) NOT NULL | a2 decimal(9,2) NULL | b varchar(20) NULL utf8mb4 | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY a BIGINT NOT NULL
;;
@expect changes 1
@columns src.t = b varchar(50) NULL utf8mb4 | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a bigint(20) NOT NULL | a2 decimal(9,2) NULL | c datetime NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY COLUMN b VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin FIRST
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a bigint(20) NOT NULL | a2 decimal(9,2) NULL | c datetime NULL | b varchar(50) NULL utf8mb4 | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY COLUMN b VARCHAR(50) AFTER c
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a bigint(20) NOT NULL | a2 decimal(9,2) NULL | c datetime(3) NULL | b varchar(50) NULL utf8mb4 | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY c DATETIME(3) NULL DEFAULT NULL
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a bigint(20) NOT NULL | a2 decimal(9,2) NULL | c datetime(3) NULL | b varchar(50) NULL utf8mb4 | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t MODIFY id INT
;;
@expect changes 1
@columns src.t = f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a_renamed bigint(20) unsigned NOT NULL | a2 decimal(9,2) NULL | c datetime(3) NULL | b varchar(50) NULL utf8mb4 | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t CHANGE a a_renamed BIGINT UNSIGNED NOT NULL
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c datetime(3) NULL | b varchar(50) NULL utf8mb4 | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t CHANGE COLUMN a_renamed a INT NULL FIRST
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t CHANGE COLUMN b b TEXT AFTER id
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t RENAME COLUMN c TO c_at
;;
@expect mismatch
ALTER TABLE t RENAME COLUMN c TO c_again
;;
@expect mismatch
ALTER TABLE t CHANGE a id INT
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER COLUMN e SET DEFAULT 42
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER e DROP DEFAULT
;;
@expect changes 2
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALTER COLUMN a SET DEFAULT 1, ALTER COLUMN e SET DEFAULT 2
;;
@expect changes 1
@columns src.t = a int(11) NULL | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | gen int(11) NULL GENERATED
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN gen INT AS (a + 1) VIRTUAL
;;
@expect changes 1
@columns src.t = a int(11) NULL | gen_s bigint(20) NULL GENERATED | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | gen int(11) NULL GENERATED
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN gen_s BIGINT GENERATED ALWAYS AS (a * 10) STORED AFTER a
;;
@expect changes 1
@columns src.t = a int(11) NULL | gen_s bigint(20) NULL GENERATED | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP COLUMN gen
;;
@expect changes 2
@split ALTER TABLE t ADD k1 INT, ALGORITHM=INPLACE, LOCK=NONE
@split ALTER TABLE t ADD k2 INT, ALGORITHM=INPLACE, LOCK=NONE
@routed ALTER TABLE `dst`.`t_merged` ADD k1 INT, ALGORITHM=INPLACE, LOCK=NONE
@routed ALTER TABLE `dst`.`t_merged` ADD k2 INT, ALGORITHM=INPLACE, LOCK=NONE
@columns src.t = a int(11) NULL | gen_s bigint(20) NULL GENERATED | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | k1 int(11) NULL | k2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD k1 INT, ADD k2 INT, ALGORITHM=INPLACE, LOCK=NONE
;;
@expect changes 1
@columns src.t = a int(11) NULL | gen_s bigint(20) NULL GENERATED | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | k1 int(11) NULL | k2 int(11) NULL | k3 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ALGORITHM=COPY, ADD k3 INT
;;
@expect changes 1
@columns src.t = a int(11) NULL | gen_s bigint(20) NULL GENERATED | f0 char(2) NULL utf8mb4 | id int(11) NOT NULL | b text NULL utf8mb4 | g varchar(30) NOT NULL latin1 | a2 decimal(9,2) NULL | c_at datetime(3) NULL | e bigint(20) unsigned NOT NULL | h1 int(11) NULL | h2 int(11) NULL | i1 int(11) NULL | i2 varchar(5) NOT NULL utf8mb4 | i3 tinyint(4) NULL | k1 int(11) NULL | k2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP COLUMN k3, LOCK=SHARED
;;
@expect changes 1
@columns src.w = id int(11) NOT NULL | v1 int(11) NULL | v2 int(11) NULL | v3 int(11) NULL
@keys src.w = PRIMARY(id)
CREATE TABLE w (id INT NOT NULL, v1 INT, v2 INT, v3 INT, PRIMARY KEY (id))
;;
@expect changes 1
@columns src.w = v3 int(11) NULL | id int(11) NOT NULL | v1 int(11) NULL | v2 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v3 INT FIRST
;;
@expect changes 1
@columns src.w = id int(11) NOT NULL | v1 int(11) NULL | v3 int(11) NULL | v2 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v3 INT AFTER v1
;;
@expect changes 1
@columns src.w = id int(11) NOT NULL | v3 int(11) NULL | v1 int(11) NULL | v2 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w CHANGE v1 v1 INT AFTER v3
;;
@expect changes 1
@columns src.w = v0 int(11) NULL | id int(11) NOT NULL | v3 int(11) NULL | v1 int(11) NULL | v2 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w ADD v0 INT FIRST
;;
@expect changes 3
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 smallint(6) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 SMALLINT, MODIFY v3 MEDIUMINT UNSIGNED, MODIFY v0 TINYINT(1)
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 enum('a','b','c') NOT NULL utf8mb4
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 ENUM('a','b','c') NOT NULL DEFAULT 'a'
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 set('a','b','c','d') NULL utf8mb4
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 SET('a','b','c','d')
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 varchar(10) NULL utf8mb4
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 VARCHAR(10) BINARY
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 text NULL latin1
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 TEXT CHARACTER SET latin1
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 year(4) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 YEAR
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 bit(8) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 BIT(8)
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 timestamp(6) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 TIMESTAMP(6) NULL
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 double NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 DOUBLE
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 longtext NULL utf8mb4
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 JSON
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | v2 varbinary(16) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w MODIFY v2 VARBINARY(16)
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | v3 mediumint(8) unsigned NULL | v1 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w DROP COLUMN v2
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w ADD COLUMN note VARCHAR(20) DEFAULT 'n/a' COMMENT 'free text' AFTER id
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL
@keys src.w = PRIMARY(id)
ALTER TABLE w ADD COLUMN created TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | seq int(11) NOT NULL
@keys src.w = PRIMARY(id) | UNIQUE seq(seq)
ALTER TABLE w ADD COLUMN seq INT NOT NULL AUTO_INCREMENT UNIQUE
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | seq int(11) NOT NULL | code char(4) NOT NULL utf8mb4
@keys src.w = PRIMARY(id) | UNIQUE seq(seq) | UNIQUE code(code)
ALTER TABLE w ADD COLUMN code CHAR(4) NOT NULL UNIQUE KEY
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4
@keys src.w = PRIMARY(id) | UNIQUE code(code)
ALTER TABLE w DROP COLUMN seq
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE w ADD COLUMN serial_no SERIAL
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL | qualified int(11) NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE src.w ADD COLUMN qualified INT
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE `src`.`w` DROP COLUMN `qualified`
;;
@use elsewhere
@expect changes 1
@routed ALTER TABLE `dst`.`w` ADD COLUMN from_elsewhere INT
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL | from_elsewhere int(11) NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE src.w ADD COLUMN from_elsewhere INT
;;
@use src
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL | from_elsewhere int(11) NULL | `Mixed Case` int(11) NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE w ADD COLUMN `Mixed Case` INT, ALGORITHM=DEFAULT
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL | from_elsewhere int(11) NULL | `mixed case` int(11) NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE w CHANGE `Mixed Case` `mixed case` INT
;;
@expect changes 1
@columns src.w = v0 tinyint(1) NULL | id int(11) NOT NULL | note varchar(20) NULL utf8mb4 | v3 mediumint(8) unsigned NULL | v1 int(11) NULL | created timestamp NULL | code char(4) NOT NULL utf8mb4 | serial_no bigint(20) unsigned NOT NULL | from_elsewhere int(11) NULL | `MIXED CASE` bigint(20) NULL
@keys src.w = PRIMARY(id) | UNIQUE code(code) | UNIQUE serial_no(serial_no)
ALTER TABLE w MODIFY COLUMN `MIXED CASE` BIGINT
;;
