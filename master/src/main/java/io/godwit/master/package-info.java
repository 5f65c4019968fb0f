package io.godwit.master;
