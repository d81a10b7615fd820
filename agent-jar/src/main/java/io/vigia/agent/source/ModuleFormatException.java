package io.vigia.agent.source;

/**
 * A kernel module file that is not the JSON its schema describes: cut short, garbage, or another
 * version.
 */
final class ModuleFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  ModuleFormatException(String message) {
    super(message);
  }

  ModuleFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
