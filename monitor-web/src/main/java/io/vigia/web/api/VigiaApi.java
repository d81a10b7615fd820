package io.vigia.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Mounts the REST API under {@code /api}; resources add {@code v1/...}. */
@ApplicationPath("api")
public class VigiaApi extends Application {}
