/*!40101 SET NAMES binary*/;
INSERT INTO `items` (`id`,`name`,`data`,`price`,`note`) VALUES
(1,'plain',x'00ff',1.50,NULL),
(2,'it''s',0x0000,-2.00,'line1
line2'),
(3,'back\\slash\'q',NULL,0.00,'),(,''),(\'');
INSERT INTO `items` (`id`,`name`,`data`,`price`,`note`) VALUES
(4,'ünïcödé 😀',x'',NULL,'-- not a comment /* nor this */'),
(5,'tab\there',b'01000001',3.14,"dq 'quoted' \" ok");
