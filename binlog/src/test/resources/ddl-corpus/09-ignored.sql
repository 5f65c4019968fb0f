# Statements that are not DDL for Godwit (skipped on purpose, with their kind), statements that cannot be
# replicated, and text no grammar accepts.
@expect changes 1
CREATE DATABASE src
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | v int(11) NULL
@keys src.t = PRIMARY(id)
CREATE TABLE t (id INT PRIMARY KEY, v INT)
;;
@expect ignored GRANT
GRANT SELECT, INSERT ON src.* TO 'app'@'%'
;;
@expect ignored GRANT
GRANT ALL PRIVILEGES ON *.* TO 'admin'@'localhost' WITH GRANT OPTION
;;
@expect ignored REVOKE
REVOKE INSERT ON src.* FROM 'app'@'%'
;;
@expect ignored REVOKE
REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'app'@'%'
;;
@expect ignored CREATE USER
CREATE USER 'app'@'%' IDENTIFIED BY 'secret'
;;
@expect ignored CREATE USER
CREATE USER IF NOT EXISTS 'ro'@'10.0.0.%' IDENTIFIED WITH mysql_native_password BY 'x'
;;
@expect ignored ALTER USER
ALTER USER 'app'@'%' IDENTIFIED BY 'new-secret'
;;
@expect ignored RENAME USER
RENAME USER 'app'@'%' TO 'app2'@'%'
;;
@expect ignored DROP USER
DROP USER IF EXISTS 'app2'@'%'
;;
@expect ignored SET PASSWORD
SET PASSWORD FOR 'ro'@'10.0.0.%' = PASSWORD('pw')
;;
@expect ignored FLUSH
FLUSH PRIVILEGES
;;
@expect ignored FLUSH
FLUSH TABLES WITH READ LOCK
;;
@expect ignored CREATE VIEW
CREATE VIEW v1 AS SELECT id, v FROM t WHERE v > 0
;;
@expect ignored CREATE VIEW
CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`localhost` SQL SECURITY INVOKER VIEW v2 (a, b) AS SELECT id, v FROM t WITH CHECK OPTION
;;
@expect ignored ALTER VIEW
ALTER VIEW v1 AS SELECT id FROM t
;;
@expect ignored DROP VIEW
DROP VIEW IF EXISTS v1, v2
;;
@expect ignored CREATE TRIGGER
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW SET NEW.v = COALESCE(NEW.v, 0)
;;
@expect ignored CREATE TRIGGER
CREATE DEFINER=`root`@`%` TRIGGER trg2 AFTER UPDATE ON t FOR EACH ROW BEGIN INSERT INTO audit VALUES (NEW.id); END
;;
@expect ignored DROP TRIGGER
DROP TRIGGER IF EXISTS trg
;;
@expect ignored CREATE PROCEDURE
CREATE DEFINER=`root`@`localhost` PROCEDURE p1(IN x INT) BEGIN SELECT x; END
;;
@expect ignored ALTER PROCEDURE
ALTER PROCEDURE p1 COMMENT 'changed'
;;
@expect ignored DROP PROCEDURE
DROP PROCEDURE IF EXISTS p1
;;
@expect ignored CREATE FUNCTION
CREATE FUNCTION f1(x INT) RETURNS INT DETERMINISTIC RETURN x + 1
;;
@expect ignored DROP FUNCTION
DROP FUNCTION IF EXISTS f1
;;
@expect ignored CREATE EVENT
CREATE EVENT ev ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t WHERE v < 0
;;
@expect ignored ALTER EVENT
ALTER EVENT ev DISABLE
;;
@expect ignored DROP EVENT
DROP EVENT IF EXISTS ev
;;
@expect ignored ANALYZE TABLE
ANALYZE TABLE t
;;
@expect ignored OPTIMIZE TABLE
OPTIMIZE TABLE t
;;
@expect ignored REPAIR TABLE
REPAIR TABLE t
;;
@expect ignored CHECK TABLE
CHECK TABLE t
;;
@expect ignored SAVEPOINT
SAVEPOINT sp1
;;
@expect ignored BEGIN WORK
BEGIN
;;
@expect ignored COMMIT WORK
COMMIT
;;
@expect ignored ROLLBACK WORK
ROLLBACK
;;
@expect ignored XA START TRANSACTION
XA START 'xid1'
;;
@expect ignored LOCK TABLES
LOCK TABLES t WRITE
;;
@expect ignored UNLOCK TABLES
UNLOCK TABLES
;;
@expect ignored SET VARIABLE
SET @@session.sql_mode = 'STRICT_TRANS_TABLES'
;;
@expect ignored CREATE ROLE
CREATE ROLE IF NOT EXISTS reporting
;;
@expect ignored DROP ROLE
DROP ROLE reporting
;;
@expect ignored INSTALL PLUGIN
INSTALL PLUGIN example SONAME 'ha_example.so'
;;
@expect ignored CREATE SERVER
CREATE SERVER s1 FOREIGN DATA WRAPPER mysql OPTIONS (HOST '127.0.0.1', DATABASE 'db', USER 'u', PORT 3306)
;;
@expect ignored CREATE TEMPORARY TABLE
CREATE TEMPORARY TABLE tmp (a INT)
;;
@expect ignored DROP TEMPORARY TABLE
DROP TEMPORARY TABLE IF EXISTS tmp
;;
@expect ignored COMMENT
/* nothing but a comment */
;;
@expect unsupported CREATE TABLE ... SELECT
CREATE TABLE copy_of_t AS SELECT * FROM t
;;
@expect unsupported CREATE TABLE ... SELECT
CREATE TABLE IF NOT EXISTS copy2 (id INT PRIMARY KEY) SELECT id FROM t
;;
@expect unsupported INSERT
INSERT INTO t (id, v) VALUES (1, 2)
;;
@expect unsupported UPDATE
UPDATE t SET v = v + 1 WHERE id = 1
;;
@expect unsupported DELETE
DELETE FROM t WHERE id = 1
;;
@expect unsupported REPLACE
REPLACE INTO t VALUES (1, 3)
;;
@expect error
THIS IS NOT SQL
;;
@expect error
ALTER TABLE t ADD
;;
@expect error
CREATE TABLE
;;
