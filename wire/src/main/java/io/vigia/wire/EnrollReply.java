package io.vigia.wire;

/** The per-host token, shown once; the monitor keeps only its hash. */
public record EnrollReply(String host, String token) {}
