/*!40101 SET NAMES binary*/;
INSERT INTO `odd.name` VALUES
('a',1),
('b',NULL) /* trailing comment */ ,
('c',-9223372036854775808);
