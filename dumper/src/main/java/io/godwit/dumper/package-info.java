package io.godwit.dumper;
