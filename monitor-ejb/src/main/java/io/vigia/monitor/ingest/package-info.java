/** Taking batches from agents: checking, de-duplicating and storing them. */
package io.vigia.monitor.ingest;
