# Table options, character sets, partitions, CHECK constraints and the other ALTER TABLE specifications.
@expect changes 1
CREATE DATABASE src
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT NOT NULL PRIMARY KEY, a VARCHAR(10), b TEXT, c TINYTEXT, d ENUM('x','y'), e INT) DEFAULT CHARSET=latin1
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ENGINE=InnoDB
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ENGINE=InnoDB
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t COMMENT = 'table comment'
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ENGINE=InnoDB, ROW_FORMAT=COMPACT, COMMENT='several options'
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t AUTO_INCREMENT = 500
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t DEFAULT CHARSET=utf8mb4
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN after_utf8mb4 VARCHAR(5)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t CHARACTER SET = ascii, COLLATE = ascii_bin
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4 | after_ascii char(2) NULL ascii
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN after_ascii CHAR(2)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4 | after_ascii char(2) NULL ascii
@keys src.t = PRIMARY(id)
ALTER TABLE t DEFAULT COLLATE = latin1_general_ci
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4 | after_ascii char(2) NULL ascii | after_collate text NULL latin1
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN after_collate TEXT
;;
@expect changes 2
@split ALTER TABLE t COMMENT='both'
@split ALTER TABLE t ADD COLUMN f INT
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b text NULL latin1 | c tinytext NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4 | after_ascii char(2) NULL ascii | after_collate text NULL latin1 | f int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t COMMENT='both', ADD COLUMN f INT
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb4 | b mediumtext NULL utf8mb4 | c text NULL utf8mb4 | d enum('x','y') NULL utf8mb4 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb4 | after_ascii char(2) NULL utf8mb4 | after_collate mediumtext NULL utf8mb4 | f int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b mediumtext NULL latin1 | c text NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL latin1 | after_ascii char(2) NULL latin1 | after_collate mediumtext NULL latin1 | f int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t CONVERT TO CHARACTER SET latin1 COLLATE latin1_bin
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL latin1 | b mediumtext NULL latin1 | c text NULL latin1 | d enum('x','y') NULL latin1 | e int(11) NULL | after_utf8mb4 varchar(5) NULL latin1 | after_ascii char(2) NULL latin1 | after_collate mediumtext NULL latin1 | f int(11) NULL | after_convert varchar(3) NULL latin1
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN after_convert VARCHAR(3)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t CONVERT TO CHARSET utf8
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t FORCE
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t ORDER BY e
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD CONSTRAINT ck_e CHECK (e > 0)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD CHECK (e < 1000)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t DROP CONSTRAINT ck_e
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t DISABLE KEYS
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t ENABLE KEYS
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a varchar(10) NULL utf8mb3 | b longtext NULL utf8mb3 | c mediumtext NULL utf8mb3 | d enum('x','y') NULL utf8mb3 | e int(11) NULL | after_utf8mb4 varchar(5) NULL utf8mb3 | after_ascii char(2) NULL utf8mb3 | after_collate longtext NULL utf8mb3 | f int(11) NULL | after_convert varchar(3) NULL utf8mb3
@keys src.t = PRIMARY(id)
ALTER TABLE t STATS_PERSISTENT = 0, STATS_SAMPLE_PAGES = 10
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
CREATE TABLE pt (id INT NOT NULL, v INT, PRIMARY KEY (id)) PARTITION BY RANGE (id) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt ADD PARTITION (PARTITION p2 VALUES LESS THAN (30))
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt DROP PARTITION p0
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt TRUNCATE PARTITION p1
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt REORGANIZE PARTITION p2 INTO (PARTITION p2a VALUES LESS THAN (25), PARTITION p2b VALUES LESS THAN (30))
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt ANALYZE PARTITION p1
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt REBUILD PARTITION p1, p2a
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt REMOVE PARTITIONING
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt PARTITION BY HASH (id) PARTITIONS 3
;;
@expect changes 1
@columns src.pt = id int(11) NOT NULL | v int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt COALESCE PARTITION 1
;;
# Valid for HASH/KEY partitioning, but neither grammar has it: an error that stops the task, not a silent skip.
@expect error
ALTER TABLE pt ADD PARTITION PARTITIONS 2
;;
@expect changes 2
@split ALTER TABLE pt ADD COLUMN w INT
@split ALTER TABLE pt PARTITION BY KEY (id) PARTITIONS 2
@columns src.pt = id int(11) NOT NULL | v int(11) NULL | w int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt ADD COLUMN w INT PARTITION BY KEY (id) PARTITIONS 2
;;
@expect changes 1
@columns src.xt = id int(11) NOT NULL | v int(11) NULL
@keys src.xt = PRIMARY(id)
CREATE TABLE xt (id INT NOT NULL PRIMARY KEY, v INT)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`pt` EXCHANGE PARTITION p0 WITH TABLE `dst`.`xt`
@no-server pt is hash-partitioned by then; the statement shows that the second table's name is routed too
@columns src.pt = id int(11) NOT NULL | v int(11) NULL | w int(11) NULL
@keys src.pt = PRIMARY(id)
ALTER TABLE pt EXCHANGE PARTITION p0 WITH TABLE xt
;;
@expect changes 1
@columns src.xt = id int(11) NOT NULL | v int(11) NULL
@keys src.xt = PRIMARY(id)
ALTER TABLE xt ALGORITHM=INPLACE
;;
@expect changes 1
@columns src.xt = id int(11) NOT NULL | v int(11) NULL
@keys src.xt = PRIMARY(id)
ALTER TABLE xt LOCK=EXCLUSIVE, ALGORITHM=COPY
;;
@expect changes 1
@columns src.xt = id int(11) NOT NULL | v int(11) NULL
@keys src.xt = PRIMARY(id)
ALTER TABLE xt
;;
