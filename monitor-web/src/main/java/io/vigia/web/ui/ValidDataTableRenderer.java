package io.vigia.web.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.datatable.DataTableRenderer;

/**
 * PrimeFaces' data table, less the {@code role="gridcell"} it writes on every {@code <td>}: its
 * {@code <table>} is {@code role="grid"} already, which makes each cell a grid cell, and HTML
 * forbids a role on a {@code td} inside such a table (the Nu HTML checker reports every cell).
 * Registered for PrimeFaces' renderer type in {@code faces-config.xml}; all else is PrimeFaces'.
 */
public class ValidDataTableRenderer extends DataTableRenderer {

  @Override
  public void encodeEnd(FacesContext context, UIComponent component) throws IOException {
    ResponseWriter original = context.getResponseWriter();
    context.setResponseWriter(new NoCellRole(original));
    try {
      super.encodeEnd(context, component);
    } finally {
      context.setResponseWriter(original);
    }
  }

  /** Drops a role attribute written right after a {@code td} is opened. */
  private static final class NoCellRole extends ResponseWriterWrapper {

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
}
