package io.vigia.web.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
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
}
