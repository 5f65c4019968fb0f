package io.godwit.loader;
