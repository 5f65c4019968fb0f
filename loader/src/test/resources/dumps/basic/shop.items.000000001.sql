/*!40101 SET NAMES binary*/;
-- a second file: the next chunk
INSERT INTO `items` (`id`,`name`,`data`,`price`,`note`) VALUES
(6,'nul\0byte',x'00000000',99999999.99,'(('),
(7,'',NULL,NULL,'');
