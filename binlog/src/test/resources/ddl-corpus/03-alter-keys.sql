# Indexes and keys: ADD/DROP INDEX, KEY, UNIQUE, PRIMARY KEY, FOREIGN KEY; CREATE/DROP INDEX; the server's key order.
@expect changes 1
CREATE DATABASE src
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
CREATE TABLE t (id INT NOT NULL, a INT, b INT, c VARCHAR(100), d INT NOT NULL)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`t_merged` ADD INDEX idx_a (a)
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = INDEX idx_a(a)
ALTER TABLE t ADD INDEX idx_a (a)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = INDEX idx_a(a) | INDEX b(b)
ALTER TABLE t ADD KEY (b)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD INDEX (b, a)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE c(c) | INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD UNIQUE (c)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d(d) | UNIQUE c(c) | INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD UNIQUE KEY uk_d (d)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD PRIMARY KEY (id)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD CONSTRAINT uk_ab UNIQUE INDEX (a, b)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX idx_a(a) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t ADD CONSTRAINT uk_named_by_constraint UNIQUE (b)
;;
@expect mismatch
ALTER TABLE t ADD INDEX idx_a (b)
;;
@expect mismatch
ALTER TABLE t ADD PRIMARY KEY (a)
;;
@expect mismatch
ALTER TABLE t ADD INDEX idx_missing (no_such_column)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b) | INDEX b_2(b,a)
ALTER TABLE t DROP INDEX idx_a
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b)
ALTER TABLE t DROP KEY b_2
;;
@expect mismatch
ALTER TABLE t DROP INDEX no_such_index
;;
@expect changes 2
@split ALTER TABLE t DROP PRIMARY KEY
@split ALTER TABLE t ADD PRIMARY KEY (id, d)
@routed ALTER TABLE `dst`.`t_merged` DROP PRIMARY KEY
@routed ALTER TABLE `dst`.`t_merged` ADD PRIMARY KEY (id, d)
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id,d) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b)
ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, d)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b)
ALTER TABLE t DROP PRIMARY KEY
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b)
ALTER TABLE t ADD CONSTRAINT pk_ignored_name PRIMARY KEY USING BTREE (id)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b(b)
ALTER TABLE t RENAME INDEX uk_d TO uk_d_renamed
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b_only(b)
ALTER TABLE t RENAME KEY b TO b_only
;;
@expect mismatch
ALTER TABLE t RENAME INDEX uk_d TO anything
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b_only(b) | INDEX idx_prefix(c(10))
ALTER TABLE t ADD INDEX idx_prefix (c(10))
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b)
ALTER TABLE t ADD INDEX idx_desc (a DESC, b ASC)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b)
ALTER TABLE t ADD UNIQUE INDEX uk_prefix (c(30))
;;
@expect changes 1
@routed CREATE INDEX idx_created ON `dst`.`t_merged` (d)
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b) | INDEX idx_created(d)
CREATE INDEX idx_created ON t (d)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b) | INDEX idx_created(d)
CREATE UNIQUE INDEX uk_created ON t (d, a)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b) | INDEX idx_created(d) | INDEX idx_algo(a,d)
CREATE INDEX idx_algo ON t (a, d) ALGORITHM=INPLACE LOCK=NONE
;;
@expect changes 1
@routed DROP INDEX idx_created ON `dst`.`t_merged`
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = PRIMARY(id) | UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b) | INDEX idx_algo(a,d)
DROP INDEX idx_created ON t
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | b int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_ab(a,b) | UNIQUE uk_named_by_constraint(b) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c(30)) | INDEX b_only(b) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC,b) | INDEX idx_algo(a,d)
DROP INDEX `PRIMARY` ON t
;;
@expect mismatch
DROP INDEX no_such_index ON t
;;
# MariaDB refuses to drop a column of a multi-column UNIQUE key (MySQL shortens the key): drop the key first.
@expect changes 2
@columns src.t = id int(11) NOT NULL | a int(11) NULL | c varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d_renamed(d) | UNIQUE c(c) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c(30)) | INDEX idx_prefix(c(10)) | INDEX idx_desc(a DESC) | INDEX idx_algo(a,d)
ALTER TABLE t DROP INDEX uk_ab, DROP COLUMN b
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NULL | c_renamed varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d_renamed(d) | UNIQUE c(c_renamed) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c_renamed(30)) | INDEX idx_prefix(c_renamed(10)) | INDEX idx_desc(a DESC) | INDEX idx_algo(a,d)
ALTER TABLE t CHANGE c c_renamed VARCHAR(100)
;;
@expect changes 1
@columns src.t = id int(11) NOT NULL | a int(11) NOT NULL | c_renamed varchar(100) NULL utf8mb4 | d int(11) NOT NULL
@keys src.t = UNIQUE uk_d_renamed(d) | UNIQUE c(c_renamed) | UNIQUE uk_created(d,a) | UNIQUE uk_prefix(c_renamed(30)) | INDEX idx_prefix(c_renamed(10)) | INDEX idx_desc(a DESC) | INDEX idx_algo(a,d)
ALTER TABLE t MODIFY a INT NOT NULL
;;
@expect changes 1
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
CREATE TABLE k (a INT, b INT, c INT, d TEXT, g POINT NOT NULL)
;;
@expect changes 4
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a)
ALTER TABLE k ADD KEY (a), ADD KEY (a), ADD KEY (b, a), ADD UNIQUE (a)
;;
@expect changes 1
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a) | FULLTEXT ft_d(d)
ALTER TABLE k ADD FULLTEXT INDEX ft_d (d)
;;
@expect changes 1
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a) | FULLTEXT ft_d(d) | FULLTEXT d(d)
ALTER TABLE k ADD FULLTEXT (d)
;;
@expect changes 1
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a) | SPATIAL sp_g(g) | FULLTEXT ft_d(d) | FULLTEXT d(d)
ALTER TABLE k ADD SPATIAL INDEX sp_g (g)
;;
@expect changes 1
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a) | SPATIAL sp_g(g) | FULLTEXT ft_d(d) | FULLTEXT d(d) | FULLTEXT ft_created(d)
CREATE FULLTEXT INDEX ft_created ON k (d)
;;
@expect changes 2
@columns src.k = a int(11) NULL | b int(11) NULL | c int(11) NULL | d text NULL utf8mb4 | g point NOT NULL
@keys src.k = UNIQUE a_3(a) | INDEX a(a) | INDEX a_2(a) | INDEX b(b,a) | SPATIAL sp_g(g) | INDEX c(c) | FULLTEXT d(d) | FULLTEXT ft_created(d)
ALTER TABLE k DROP INDEX ft_d, ADD KEY (c)
;;
@expect changes 1
@columns src.p = id int(11) NOT NULL | code int(11) NOT NULL
@keys src.p = PRIMARY(id) | UNIQUE code(code)
CREATE TABLE p (id INT NOT NULL PRIMARY KEY, code INT NOT NULL UNIQUE)
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id)
CREATE TABLE f (id INT NOT NULL PRIMARY KEY, pid INT, pcode INT, other INT)
;;
@expect changes 1
@routed ALTER TABLE `dst`.`f` ADD CONSTRAINT fk_pid FOREIGN KEY (pid) REFERENCES `dst`.`p` (id)
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX fk_pid(pid)
ALTER TABLE f ADD CONSTRAINT fk_pid FOREIGN KEY (pid) REFERENCES p (id)
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX fk_pid(pid) | INDEX pcode_other(pcode,other)
ALTER TABLE f ADD INDEX pcode_other (pcode, other)
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX fk_pid(pid) | INDEX pcode_other(pcode,other)
ALTER TABLE f ADD FOREIGN KEY (pcode) REFERENCES src.p (code) ON DELETE SET NULL
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX fk_pid(pid) | INDEX pcode_other(pcode,other) | INDEX fk_index_name(other)
ALTER TABLE f ADD FOREIGN KEY fk_index_name (other) REFERENCES p (id)
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX fk_pid(pid) | INDEX pcode_other(pcode,other) | INDEX fk_index_name(other)
ALTER TABLE f DROP FOREIGN KEY fk_pid
;;
@expect changes 1
@columns src.f = id int(11) NOT NULL | pid int(11) NULL | pcode int(11) NULL | other int(11) NULL
@keys src.f = PRIMARY(id) | INDEX pcode_other(pcode,other) | INDEX fk_index_name(other)
ALTER TABLE f DROP INDEX fk_pid
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
CREATE TABLE o (a INT NOT NULL, b INT NULL, c INT NOT NULL, d VARCHAR(50) NOT NULL)
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_b(b)
ALTER TABLE o ADD UNIQUE KEY u_b (b)
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_d_prefix(d(5)) | UNIQUE u_b(b)
ALTER TABLE o ADD UNIQUE KEY u_d_prefix (d(5))
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_c(c) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_b(b)
ALTER TABLE o ADD UNIQUE KEY u_c (c)
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_c(c) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_b(b) | INDEX k_a(a)
ALTER TABLE o ADD KEY k_a (a)
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NOT NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_c(c) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_b(b) | INDEX k_a(a)
ALTER TABLE o MODIFY b INT NOT NULL
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = UNIQUE u_b(b) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_c(c) | INDEX k_a(a)
ALTER TABLE o MODIFY c INT NULL
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = PRIMARY(a) | UNIQUE u_b(b) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_c(c) | INDEX k_a(a)
ALTER TABLE o ADD PRIMARY KEY (a)
;;
@expect changes 2
@columns src.o = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NULL | d varchar(50) NOT NULL utf8mb4
@keys src.o = PRIMARY(a) | UNIQUE u_d_prefix(d(5)) | UNIQUE u_c(c)
ALTER TABLE o DROP INDEX u_b, DROP INDEX k_a
;;
@expect changes 1
@columns src.o = a int(11) NOT NULL | b int(11) NOT NULL | c int(11) NULL
@keys src.o = PRIMARY(a) | UNIQUE u_c(c)
ALTER TABLE o DROP COLUMN d
;;
