/** Backing beans of the PrimeFaces pages, each named after its view. */
package io.vigia.web.ui;
