package io.vigia.web.ui;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.context.ResponseWriter;
import java.io.IOException;
import org.primefaces.component.treetable.TreeTableRenderer;

/**
 * PrimeFaces' tree table, less the {@code role="gridcell"} it writes on every {@code <td>} of a
 * table that has no role (see {@link NoCellRole}); expansions rendered by AJAX go through here too.
 * Registered for PrimeFaces' renderer type in {@code faces-config.xml}; all else is PrimeFaces'.
 */
public class ValidTreeTableRenderer extends TreeTableRenderer {

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
