package io.vigia.monitor.command;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Every 10 s, commands no agent picked up or answered in time are marked expired. */
@Singleton
public class CommandExpiry {

  private static final Logger LOG = Logger.getLogger(CommandExpiry.class.getName());

  @Inject private CommandQueue queue;

  @Schedule(
      second = "*/10",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "command expiry",
      timezone = "UTC")
  void expireOverdue() {
    int n = queue.expire(System.currentTimeMillis());
    if (n > 0) {
      LOG.info(() -> n + " command(s) expired without an answer from their agent");
    }
  }
}
