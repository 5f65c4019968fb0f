package io.godwit.dmctl;
