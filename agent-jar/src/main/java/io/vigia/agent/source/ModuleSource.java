package io.vigia.agent.source;

import io.vigia.wire.Memory;
import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Vigia kernel module as a source: both of its files, or nothing. When either is missing, cut
 * short or not its schema, the sampler falls back to plain /proc; that is said once, with the
 * reason, and said again only if the module worked in between.
 */
final class ModuleSource {

  private static final Logger LOG = Logger.getLogger(ModuleSource.class.getName());

  /** Both files read at one moment. */
  record Reading(Memory memory, ModuleCpu.Reading cpu) {}

  private final ModuleRam ram;
  private final ModuleCpu cpu;
  private final String names;
  private boolean warned;

  ModuleSource(ProcRoot root, SourceSettings settings) {
    this.ram = new ModuleRam(root, settings.moduleRamFile());
    this.cpu = new ModuleCpu(root, settings.moduleCpuFile());
    this.names =
        root.path().resolve(settings.moduleRamFile())
            + " and "
            + root.path().resolve(settings.moduleCpuFile());
  }

  Optional<Reading> read() {
    try {
      Reading r = new Reading(ram.read(), cpu.read());
      if (warned) {
        LOG.info(() -> "kernel module readable again: using " + names);
        warned = false;
      }
      return Optional.of(r);
    } catch (IOException | ModuleFormatException | RuntimeException e) {
      // RuntimeException too: whatever a broken module file does to the parser, the agent goes on.
      if (!warned) {
        LOG.warning(
            () -> "kernel module not usable (" + e + "); reading plain /proc instead of " + names);
        warned = true;
      }
      return Optional.empty();
    }
  }
}
