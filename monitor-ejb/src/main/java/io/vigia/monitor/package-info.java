/** The monitor's core: storage, schema and the datasource every module shares. */
package io.vigia.monitor;
