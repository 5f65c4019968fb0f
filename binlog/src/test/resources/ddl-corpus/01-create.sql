# CREATE TABLE in its many forms. Every file starts from an empty tracker with database src in use.
@expect changes 1
@routed CREATE DATABASE `dst`
CREATE DATABASE src
;;
@expect changes 1
@routed CREATE TABLE `dst`.`t_merged` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, note TEXT)
@columns src.t = id int(11) NOT NULL | name varchar(40) NOT NULL utf8mb4 | note text NULL utf8mb4
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40) NOT NULL, note TEXT)
;;
@expect changes 1
@columns src.t01 = a tinyint(4) NULL | b smallint(6) NULL | c mediumint(9) NULL | d int(11) NULL | e bigint(20) NULL | f tinyint(3) unsigned NULL | g smallint(5) unsigned NULL | h mediumint(8) unsigned NULL | i int(10) unsigned NULL | j bigint(20) unsigned NULL
CREATE TABLE t01 (a TINYINT, b SMALLINT, c MEDIUMINT, d INT, e BIGINT, f TINYINT UNSIGNED, g SMALLINT UNSIGNED, h MEDIUMINT UNSIGNED, i INT UNSIGNED, j BIGINT UNSIGNED)
;;
@expect changes 1
@columns src.t02 = a int(11) NULL | b tinyint(4) NULL | c smallint(6) NULL | d mediumint(9) NULL | e int(11) NULL | f bigint(20) NULL | g mediumint(9) NULL | h int(5) unsigned zerofill NULL | i bigint(8) unsigned zerofill NULL | j tinyint(1) NULL | k tinyint(1) NULL
CREATE TABLE t02 (a INTEGER, b INT1, c INT2, d INT3, e INT4, f INT8, g MIDDLEINT, h INT(5) ZEROFILL, i BIGINT(8) UNSIGNED ZEROFILL, j BOOL, k BOOLEAN)
;;
@expect changes 1
@columns src.t03 = a decimal(10,0) NULL | b decimal(12,0) NULL | c decimal(12,4) NULL | d decimal(5,2) NULL | e decimal(7,3) NULL | f decimal(6,1) NULL | g decimal(10,2) unsigned NULL | h float NULL | i float(7,3) NULL | j double NULL | k double NULL | l double NULL | m double NULL | n double(12,4) unsigned NULL | o float NULL | p double NULL
CREATE TABLE t03 (a DECIMAL, b DECIMAL(12), c DECIMAL(12,4), d DEC(5,2), e NUMERIC(7,3), f FIXED(6,1), g DECIMAL(10,2) UNSIGNED, h FLOAT, i FLOAT(7,3), j FLOAT(30), k DOUBLE, l DOUBLE PRECISION, m REAL, n DOUBLE(12,4) UNSIGNED, o FLOAT4, p FLOAT8)
;;
@expect changes 1
@columns src.t04 = a date NULL | b time NULL | c time(3) NULL | d datetime NULL | e datetime(6) NULL | f timestamp NULL | g timestamp(2) NULL | h year(4) NULL | i time NULL
CREATE TABLE t04 (a DATE, b TIME, c TIME(3), d DATETIME, e DATETIME(6), f TIMESTAMP NULL, g TIMESTAMP(2) NULL, h YEAR, i TIME(0))
;;
@expect changes 1
@columns src.t05 = a char(1) NULL utf8mb4 | b char(10) NULL utf8mb4 | c varchar(255) NULL utf8mb4 | d char(4) NULL utf8mb4 | e varchar(12) NULL utf8mb4 | f tinytext NULL utf8mb4 | g text NULL utf8mb4 | h mediumtext NULL utf8mb4 | i longtext NULL utf8mb4 | j text NULL utf8mb4 | k mediumtext NULL utf8mb4 | l mediumtext NULL utf8mb4 | m mediumtext NULL utf8mb4
CREATE TABLE t05 (a CHAR, b CHAR(10), c VARCHAR(255), d CHARACTER(4), e CHARACTER VARYING(12), f TINYTEXT, g TEXT, h MEDIUMTEXT, i LONGTEXT, j TEXT(100), k TEXT(20000), l LONG, m LONG VARCHAR)
;;
@expect changes 1
@columns src.t06 = a binary(1) NULL | b binary(16) NULL | c varbinary(200) NULL | d tinyblob NULL | e blob NULL | f mediumblob NULL | g longblob NULL | h tinyblob NULL | i mediumblob NULL | j mediumblob NULL | k bit(1) NULL | l bit(17) NULL
CREATE TABLE t06 (a BINARY, b BINARY(16), c VARBINARY(200), d TINYBLOB, e BLOB, f MEDIUMBLOB, g LONGBLOB, h BLOB(100), i BLOB(70000), j LONG VARBINARY, k BIT, l BIT(17))
;;
@expect changes 1
@columns src.t07 = a enum('x','y','z') NULL utf8mb4 | b set('r','g','b') NULL utf8mb4 | c enum('it''s','a "b"') NOT NULL utf8mb4 | d set('one','two') NULL utf8mb4 | e enum('a') NULL latin1
CREATE TABLE t07 (a ENUM('x','y','z'), b SET('r','g','b'), c ENUM('it''s','a "b"') NOT NULL, d SET("one","two") DEFAULT 'one', e ENUM('a') CHARACTER SET latin1)
;;
@expect changes 1
@columns src.t08 = a varchar(10) NULL latin1 | b varchar(10) NULL ascii | c text NULL utf8mb4 | d char(5) NULL latin1 | e varchar(5) NULL utf8mb3 | f char(3) NULL utf8mb3 | g varchar(7) NULL utf8mb3 | h varchar(9) NULL utf8mb3 | i char(3) NULL utf8mb4 | j binary(4) NULL | k varbinary(8) NULL
CREATE TABLE t08 (a VARCHAR(10) CHARACTER SET latin1, b VARCHAR(10) CHARSET ascii COLLATE ascii_bin, c TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, d CHAR(5) COLLATE latin1_german1_ci, e NATIONAL VARCHAR(5), f NCHAR(3), g NVARCHAR(7), h VARCHAR(9) CHARACTER SET utf8, i CHAR(3) BINARY, j CHAR(4) CHARACTER SET binary, k VARCHAR(8) CHARACTER SET binary)
;;
@expect changes 1
@columns src.t09 = a int(11) NULL
CREATE TABLE t09 (a INT) ENGINE=InnoDB DEFAULT CHARSET=latin1
;;
@expect changes 1
@columns src.t10 = a varchar(10) NULL ascii | b text NULL ascii | c enum('p','q') NULL ascii
CREATE TABLE t10 (a VARCHAR(10), b TEXT, c ENUM('p','q')) DEFAULT CHARACTER SET = ascii COLLATE = ascii_general_ci
;;
@expect changes 1
@columns src.t11 = a varchar(10) NULL latin1
CREATE TABLE t11 (a VARCHAR(10)) COLLATE latin1_bin
;;
@expect changes 1
@columns src.t12 = id bigint(20) unsigned NOT NULL | part int(11) NOT NULL
@keys src.t12 = PRIMARY(id,part) | UNIQUE u_part(part,id) | INDEX k_id(id)
CREATE TABLE t12 (id BIGINT UNSIGNED NOT NULL, part INT NOT NULL, PRIMARY KEY (id, part), UNIQUE KEY u_part (part, id), KEY k_id (id))
;;
@expect changes 1
@columns src.t13 = a int(11) NOT NULL | b int(11) NULL | c int(11) NULL
@keys src.t13 = PRIMARY(a) | UNIQUE b(b) | UNIQUE c(c)
CREATE TABLE t13 (a INT PRIMARY KEY, b INT UNIQUE, c INT UNIQUE KEY)
;;
# A bare KEY on a column means PRIMARY KEY.
@expect changes 1
@columns src.t13k = d int(11) NOT NULL | e int(11) NULL
@keys src.t13k = PRIMARY(d)
CREATE TABLE t13k (d INT KEY, e INT)
;;
@expect mismatch
CREATE TABLE t13b (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))
;;
@expect changes 1
@columns src.t14 = a int(11) NOT NULL | b int(11) NOT NULL | c varchar(100) NULL utf8mb4
@keys src.t14 = UNIQUE a(a) | UNIQUE a_2(a,b) | UNIQUE c_2(c(20)) | INDEX a_3(a) | INDEX c(c(10))
CREATE TABLE t14 (a INT NOT NULL, b INT NOT NULL, c VARCHAR(100), UNIQUE (a), UNIQUE (a, b), INDEX (a), KEY (c(10)), UNIQUE INDEX (c(20)))
;;
@expect changes 1
@columns src.t15 = a int(11) NULL | b int(11) NOT NULL | c int(11) NOT NULL
@keys src.t15 = UNIQUE u_notnull(b,c) | UNIQUE named_unique(c) | UNIQUE u_nullable(a)
CREATE TABLE t15 (a INT, b INT NOT NULL, c INT NOT NULL, UNIQUE KEY u_nullable (a), UNIQUE KEY u_notnull (b, c), CONSTRAINT named_unique UNIQUE (c))
;;
@expect changes 1
@columns src.t16 = a int(11) NULL | b int(11) NULL GENERATED | c int(11) NULL GENERATED | d int(11) NULL GENERATED | e varchar(20) NULL utf8mb4 GENERATED
CREATE TABLE t16 (a INT, b INT AS (a + 1), c INT GENERATED ALWAYS AS (a * 2) VIRTUAL, d INT GENERATED ALWAYS AS (a * 3) STORED, e VARCHAR(20) AS (CONCAT('x', a)) PERSISTENT)
;;
@expect changes 1
@columns src.t17 = a int(11) NULL | b int(11) NULL
CREATE TABLE t17 (a INT CHECK (a > 0), b INT, CONSTRAINT ck_b CHECK (b < 100), CHECK (a < b))
;;
@expect changes 1
@columns src.t18 = id int(11) NOT NULL
@keys src.t18 = PRIMARY(id)
CREATE TABLE t18 (id INT NOT NULL, PRIMARY KEY (id)) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE)
;;
@expect changes 1
@columns src.t19 = id int(11) NOT NULL | k int(11) NOT NULL
@keys src.t19 = PRIMARY(id,k)
CREATE TABLE t19 (id INT NOT NULL, k INT NOT NULL, PRIMARY KEY (id, k)) PARTITION BY HASH (k) PARTITIONS 4
;;
@expect changes 1
@columns src.t20 = id int(11) NOT NULL | region varchar(8) NOT NULL utf8mb4
@keys src.t20 = PRIMARY(id,region)
CREATE TABLE t20 (id INT NOT NULL, region VARCHAR(8) NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST COLUMNS (region) (PARTITION pe VALUES IN ('eu', 'uk'), PARTITION pa VALUES IN ('us'))
;;
@expect changes 1
@columns src.t21 = id int(11) NOT NULL
@keys src.t21 = PRIMARY(id)
CREATE TABLE t21 (id INT NOT NULL PRIMARY KEY) PARTITION BY KEY (id) PARTITIONS 3
;;
@expect changes 1
@columns src.parent = id int(11) NOT NULL | code char(3) NOT NULL utf8mb4
@keys src.parent = PRIMARY(id) | UNIQUE code(code)
CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, code CHAR(3) NOT NULL, UNIQUE KEY (code))
;;
@expect changes 1
@routed CREATE TABLE `dst`.`child` (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES `dst`.`parent` (id) ON DELETE CASCADE)
@columns src.child = id int(11) NOT NULL | parent_id int(11) NULL
@keys src.child = PRIMARY(id) | INDEX parent_id(parent_id)
CREATE TABLE child (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE)
;;
@expect changes 1
@columns src.child2 = id int(11) NOT NULL | pid int(11) NULL | code char(3) NULL utf8mb4
@keys src.child2 = PRIMARY(id) | INDEX fk_child2_parent(pid) | INDEX fk_code(code)
CREATE TABLE child2 (id INT PRIMARY KEY, pid INT, code CHAR(3), CONSTRAINT fk_child2_parent FOREIGN KEY (pid) REFERENCES src.parent (id), CONSTRAINT fk_code FOREIGN KEY (code) REFERENCES parent (code) ON UPDATE CASCADE)
;;
@expect changes 1
@columns src.child3 = id int(11) NOT NULL | pid int(11) NULL
@keys src.child3 = PRIMARY(id) | INDEX pid_first(pid,id)
CREATE TABLE child3 (id INT PRIMARY KEY, pid INT, KEY pid_first (pid, id), FOREIGN KEY (pid) REFERENCES parent (id))
;;
@expect changes 1
@columns src.t22 = a datetime NULL | b timestamp(3) NOT NULL | c int(11) NULL | d varchar(5) NULL utf8mb4 | e double NULL
CREATE TABLE t22 (a DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, b TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), c INT DEFAULT 7, d VARCHAR(5) DEFAULT 'abc' COMMENT 'a comment', e DOUBLE DEFAULT -1.5)
;;
@expect changes 1
@columns src.t23 = id bigint(20) unsigned NOT NULL | v int(11) NULL
@keys src.t23 = UNIQUE id(id)
CREATE TABLE t23 (id SERIAL, v INT)
;;
@expect changes 1
@columns src.t24 = id int(11) NOT NULL | v int(11) NULL
@keys src.t24 = UNIQUE id(id)
CREATE TABLE t24 (id INT NOT NULL SERIAL DEFAULT VALUE, v INT)
;;
@expect changes 1
@columns src.t25 = doc longtext NULL utf8mb4 | g geometry NOT NULL | p point NULL | l linestring NULL | poly polygon NULL
@keys src.t25 = SPATIAL g(g)
CREATE TABLE t25 (doc JSON, g GEOMETRY NOT NULL, p POINT, l LINESTRING, poly POLYGON, SPATIAL INDEX (g))
;;
@expect changes 1
@columns src.t26 = id int(11) NOT NULL | body text NULL utf8mb4 | title varchar(100) NULL utf8mb4
@keys src.t26 = PRIMARY(id) | FULLTEXT ft_body(body,title) | FULLTEXT title(title)
CREATE TABLE t26 (id INT PRIMARY KEY, body TEXT, title VARCHAR(100), FULLTEXT KEY ft_body (body, title), FULLTEXT (title))
;;
@expect changes 1
@columns src.t27 = a int(11) NULL | b varchar(50) NULL utf8mb4
@keys src.t27 = UNIQUE u_desc(b DESC) | INDEX k_desc(a DESC,b(10))
CREATE TABLE t27 (a INT, b VARCHAR(50), KEY k_desc (a DESC, b(10)), UNIQUE KEY u_desc (b DESC))
;;
@expect changes 1
@routed CREATE TABLE `dst`.`t28` LIKE `dst`.`t12`
@columns src.t28 = id bigint(20) unsigned NOT NULL | part int(11) NOT NULL
@keys src.t28 = PRIMARY(id,part) | UNIQUE u_part(part,id) | INDEX k_id(id)
CREATE TABLE t28 LIKE t12
;;
@expect changes 1
@routed CREATE TABLE `dst`.`t29` (LIKE `dst`.`t_merged`)
@columns src.t29 = id int(11) NOT NULL | name varchar(40) NOT NULL utf8mb4 | note text NULL utf8mb4
@keys src.t29 = PRIMARY(id)
CREATE TABLE t29 (LIKE t)
;;
@expect changes 1
@columns src.t30 = a int(11) NULL
CREATE TABLE IF NOT EXISTS t30 (a INT)
;;
@expect changes 1
@routed CREATE TABLE IF NOT EXISTS `dst`.`t30` (a INT, b INT)
@columns src.t30 = a int(11) NULL
CREATE TABLE IF NOT EXISTS t30 (a INT, b INT)
;;
@expect mismatch
CREATE TABLE t30 (a INT)
;;
@expect changes 1
@columns src.t28 = id bigint(20) unsigned NOT NULL | part int(11) NOT NULL
@keys src.t28 = PRIMARY(id,part) | UNIQUE u_part(part,id) | INDEX k_id(id)
CREATE TABLE IF NOT EXISTS t28 LIKE t01
;;
@expect unsupported CREATE TABLE ... SELECT
CREATE TABLE t31 SELECT * FROM t01
;;
@expect unsupported CREATE TABLE ... SELECT
CREATE TABLE t32 (extra INT) AS SELECT a FROM t01
;;
@expect ignored CREATE TEMPORARY TABLE
CREATE TEMPORARY TABLE tmp1 (a INT)
;;
@expect ignored CREATE TEMPORARY TABLE
CREATE TEMPORARY TABLE IF NOT EXISTS tmp2 LIKE t01
;;
@expect changes 1
@columns src.t33 = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NULL
@keys src.t33 = UNIQUE u_ab(a,b) | UNIQUE u_b(b) | UNIQUE u_c(c) | INDEX k_a(a)
CREATE TABLE t33 (a INT NOT NULL, b INT NOT NULL, c INT, UNIQUE KEY u_c (c), UNIQUE KEY u_ab (a, b), KEY k_a (a), UNIQUE KEY u_b (b))
;;
@expect changes 1
@columns src.t34 = a int(11) NOT NULL | b varchar(200) NOT NULL utf8mb4
@keys src.t34 = UNIQUE u_whole(a) | UNIQUE u_prefix(b(20))
CREATE TABLE t34 (a INT NOT NULL, b VARCHAR(200) NOT NULL, UNIQUE KEY u_prefix (b(20)), UNIQUE KEY u_whole (a))
;;
@expect changes 1
@columns src.t35 = a int(11) NULL | b int(11) NULL
@keys src.t35 = INDEX a(a) | INDEX a_2(a,b) | INDEX a_3(b) | INDEX a_4(a)
CREATE TABLE t35 (a INT, b INT, KEY (a), KEY (a, b), KEY a_3 (b), KEY (a))
;;
@expect changes 1
@columns src.t36 = id int(11) NOT NULL | ts timestamp NOT NULL
@keys src.t36 = PRIMARY(id) | INDEX ts_idx(ts)
CREATE TABLE t36 (id INT NOT NULL AUTO_INCREMENT, ts TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (id) USING BTREE, KEY ts_idx (ts) USING BTREE COMMENT 'by time') ENGINE=InnoDB AUTO_INCREMENT=1000 ROW_FORMAT=DYNAMIC COMMENT='with options'
;;
@expect changes 1
@columns src.t37 = a int(11) NOT NULL | b int(11) NULL
@keys src.t37 = PRIMARY(a)
CREATE TABLE t37 (a INT, b INT, PRIMARY KEY (a)) STATS_PERSISTENT=1 STATS_AUTO_RECALC=0 PACK_KEYS=1 CHECKSUM=1 MAX_ROWS=1000 MIN_ROWS=10 AVG_ROW_LENGTH=100
;;
@expect mismatch
CREATE TABLE t37b (a INT, b INT, A BIGINT)
;;
@expect error
CREATE TABLE t38 (a INT,)
;;
@expect error
CREATE TABLE t39 a INT
;;
