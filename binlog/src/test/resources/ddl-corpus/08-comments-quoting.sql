# Comments of every kind, executable version comments, quoted identifiers, qualified names and routing.
@expect changes 1
CREATE DATABASE /* a comment */ src
;;
@expect changes 1
@routed /* leading comment */ CREATE TABLE `dst`.`t_merged` ( -- line comment
@routed+   id INT NOT NULL, # hash comment
@routed+   v VARCHAR(10) /* inline */ NULL,
@routed+   PRIMARY KEY (id)
@routed+ ) /* trailing */
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4
@keys src.t = PRIMARY(id)
/* leading comment */ CREATE TABLE t ( -- line comment
  id INT NOT NULL, # hash comment
  v VARCHAR(10) /* inline */ NULL,
  PRIMARY KEY (id)
) /* trailing */
;;
@expect changes 2
@split ALTER TABLE t /* keep me */ ADD COLUMN c1 INT
@split ALTER TABLE t /* keep me */ ADD COLUMN c2 INT
@routed ALTER TABLE `dst`.`t_merged` /* keep me */ ADD COLUMN c1 INT
@routed ALTER TABLE `dst`.`t_merged` /* keep me */ ADD COLUMN c2 INT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t /* keep me */ ADD COLUMN c1 INT /* about c1 */, ADD COLUMN c2 INT -- trailing line comment
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN c3 INT -- the rest of the line is a comment, DROP c1
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN c3 INT -- the rest of the line is a comment, DROP c1
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` /*!50000 ADD COLUMN versioned INT */
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t /*!50000 ADD COLUMN versioned INT */
;;
@expect changes 1
@columns src.vc = id int(11) NOT NULL
@keys src.vc = PRIMARY(id)
CREATE TABLE vc (id INT NOT NULL PRIMARY KEY) /*!50100 PARTITION BY HASH (id) PARTITIONS 2 */
;;
@expect changes 1
@columns src.vc2 = a int(11) NULL
/*!40101 CREATE TABLE vc2 (a INT) */
;;
@expect changes 1
@columns src.vc3 = a int(11) NULL
CREATE TABLE vc3 (a INT) ENGINE=InnoDB /*!40101 DEFAULT CHARSET=latin1 */
;;
@expect changes 1
@routed CREATE TABLE `dst`.`my table` (`a b` INT, `c``d` VARCHAR(5), `select` INT, `from` INT)
@columns src.my table = `a b` int(11) NULL | `c``d` varchar(5) NULL utf8mb4 | select int(11) NULL | from int(11) NULL
CREATE TABLE `my table` (`a b` INT, `c``d` VARCHAR(5), `select` INT, `from` INT)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`my table` ADD COLUMN `e f` INT AFTER `a b`
@columns src.my table = `a b` int(11) NULL | `e f` int(11) NULL | `c``d` varchar(5) NULL utf8mb4 | select int(11) NULL | from int(11) NULL
ALTER TABLE `my table` ADD COLUMN `e f` INT AFTER `a b`
;;
@expect changes 1
@columns src.my table = `a b` int(11) NULL | `e f` int(11) NULL | `c``d2` varchar(6) NULL utf8mb4 | select int(11) NULL | from int(11) NULL
ALTER TABLE `my table` CHANGE `c``d` `c``d2` VARCHAR(6)
;;
@expect changes 1
@routed CREATE TABLE `dst`.`t``q` (a INT)
@columns src.t`q = a int(11) NULL
CREATE TABLE `t``q` (a INT)
;;
@expect changes 1
@columns src.ünïcödé = ß int(11) NULL | 列 varchar(3) NULL utf8mb4
CREATE TABLE `ünïcödé` (`ß` INT, `列` VARCHAR(3))
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN q1 INT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE src.t ADD COLUMN q1 INT
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN q2 INT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE `src`.`t` ADD COLUMN q2 INT
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN q3 INT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE `src`.t ADD COLUMN q3 INT
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN q4 INT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE src.`t` ADD COLUMN q4 INT
;;
@expect mismatch
@routed ALTER TABLE `SRC`.`t_merged` ADD COLUMN q5 INT
ALTER TABLE SRC.t ADD COLUMN q5 INT
;;
@expect changes 1
@routed aLtEr TaBlE `dst`.`t_merged` AdD cOlUmN q6 InT
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL
@keys src.t = PRIMARY(id)
aLtEr TaBlE t AdD cOlUmN q6 InT
;;
@expect changes 1
@columns src.spaced = a int(11) NULL
CREATE   TABLE
  spaced
  (
    a   INT
  )
;;
@expect changes 2
@split DROP TABLE `my table` /* done */
@split DROP TABLE `t``q` /* done */
@absent src.my table
@absent src.t`q
DROP TABLE `my table`, `t``q` /* done */
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` COMMENT 'has -- and /* inside */ a string'
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t COMMENT 'has -- and /* inside */ a string'
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD COLUMN s1 VARCHAR(5) DEFAULT 'a,b' COMMENT 'x, DROP c2'
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL | s1 varchar(5) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN s1 VARCHAR(5) DEFAULT 'a,b' COMMENT 'x, DROP c2'
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL | s1 varchar(5) NULL utf8mb4 | s2 varchar(20) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN s2 VARCHAR(20) DEFAULT "double ""quoted"""
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL | s1 varchar(5) NULL utf8mb4 | s2 varchar(20) NULL utf8mb4 | s3 varchar(20) NULL utf8mb4
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN s3 VARCHAR(20) DEFAULT 'back\'slash'
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL | s1 varchar(5) NULL utf8mb4 | s2 varchar(20) NULL utf8mb4 | s3 varchar(20) NULL utf8mb4 | t int(11) NULL
@keys src.t = PRIMARY(id)
ALTER TABLE t ADD COLUMN `t` INT
;;
@expect changes 2
@routed RENAME TABLE `dst`.`t_merged` TO `dst`.`t2`
@routed RENAME TABLE `dst`.`t2` TO `dst`.`t_merged`
@columns src.t = id int(11) NOT NULL | v varchar(10) NULL utf8mb4 | c1 int(11) NULL | c2 int(11) NULL | c3 int(11) NULL | versioned int(11) NULL | q1 int(11) NULL | q2 int(11) NULL | q3 int(11) NULL | q4 int(11) NULL | q6 int(11) NULL | s1 varchar(5) NULL utf8mb4 | s2 varchar(20) NULL utf8mb4 | s3 varchar(20) NULL utf8mb4 | t int(11) NULL
@keys src.t = PRIMARY(id)
RENAME TABLE t TO t2, t2 TO t
;;
