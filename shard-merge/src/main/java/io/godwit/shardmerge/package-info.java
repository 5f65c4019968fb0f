package io.godwit.shardmerge;
