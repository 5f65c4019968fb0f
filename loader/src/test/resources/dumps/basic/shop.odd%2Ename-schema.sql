/*!40101 SET NAMES binary*/;
CREATE TABLE `odd.name` (
  `k` varchar(10) NOT NULL,
  `v` bigint(20) DEFAULT NULL,
  PRIMARY KEY (`k`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;
