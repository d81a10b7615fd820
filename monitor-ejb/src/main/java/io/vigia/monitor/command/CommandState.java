package io.vigia.monitor.command;

/** Where a command is in its life. The last five are final. */
public enum CommandState {
  /** Waiting for the host's next push. */
  QUEUED,
  /** Handed to the agent in a push reply; its result comes with a later push. */
  SENT,
  DONE,
  REFUSED,
  /** The process no longer existed. */
  GONE,
  FAILED,
  /** Not picked up or answered in time. */
  EXPIRED;

  public boolean isFinal() {
    return ordinal() >= DONE.ordinal();
  }
}
