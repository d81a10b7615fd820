package io.vigia.monitor.ingest;

import java.io.Serializable;

/** A sample is identified by its host and the batch's seq: storing a batch twice is impossible. */
public record SampleId(Long hostId, Long seq) implements Serializable {

  public SampleId() {
    this(null, null);
  }
}
