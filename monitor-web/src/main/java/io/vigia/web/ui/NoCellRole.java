package io.vigia.web.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;

/**
 * A response writer that drops a role attribute written right after a {@code td} is opened: what
 * PrimeFaces' tables write on every cell, and HTML forbids inside a table of role grid, treegrid or
 * none (the Nu HTML checker reports every cell). Used by {@link ValidDataTableRenderer} and {@link
 * ValidTreeTableRenderer}.
 */
final class NoCellRole extends ResponseWriterWrapper {

  private boolean inTdStartTag;

  NoCellRole(ResponseWriter wrapped) {
    super(wrapped);
  }

  @Override
  public void startElement(String name, UIComponent component) throws IOException {
    inTdStartTag = "td".equals(name);
    super.startElement(name, component);
  }

  @Override
  public void writeAttribute(String name, Object value, String property) throws IOException {
    if (inTdStartTag && "role".equals(name)) {
      return;
    }
    super.writeAttribute(name, value, property);
  }

  @Override
  public void writeText(Object text, String property) throws IOException {
    inTdStartTag = false;
    super.writeText(text, property);
  }

  @Override
  public void endElement(String name) throws IOException {
    inTdStartTag = false;
    super.endElement(name);
  }
}
