package io.godwit.filters;
