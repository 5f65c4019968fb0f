/*!40101 SET NAMES binary*/;
CREATE TABLE `items` (
  `id` int(11) NOT NULL,
  `name` varchar(100) NOT NULL,
  `data` varbinary(16) DEFAULT NULL,
  `price` decimal(10,2) DEFAULT NULL,
  `doubled` int(11) GENERATED ALWAYS AS (`id` * 2) VIRTUAL,
  `note` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  FULLTEXT KEY `ft_note` (`note`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
