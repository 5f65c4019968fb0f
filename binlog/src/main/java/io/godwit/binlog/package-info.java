package io.godwit.binlog;
