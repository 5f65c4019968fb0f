package io.godwit.worker;
