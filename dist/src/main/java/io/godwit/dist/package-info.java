package io.godwit.dist;
