package io.intelligencesuite.sources.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;

/**
 * Stripe-style pretty printing: {@code "key": value}, two-space indents, one array element per
 * line, empty containers as {} and []. Used for the demo's API bodies and the generated template
 * files.
 */
public final class ApiPrettyPrinter extends DefaultPrettyPrinter {
  private static final long serialVersionUID = 1L;

  public ApiPrettyPrinter() {
    _objectIndenter = new DefaultIndenter("  ", "\n");
    _arrayIndenter = new DefaultIndenter("  ", "\n");
  }

  @Override
  public DefaultPrettyPrinter createInstance() {
    return new ApiPrettyPrinter();
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) throws IOException {
    writeEnd(g, _objectIndenter, entries, '}');
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) throws IOException {
    writeEnd(g, _arrayIndenter, values, ']');
  }

  /**
   * Closes a container on its own indented line, or right after its opener when it is empty ({} and
   * [], where the default printer writes "{ }").
   */
  private void writeEnd(JsonGenerator g, Indenter indenter, int size, char close)
      throws IOException {
    _nesting--;
    if (size > 0) {
      indenter.writeIndentation(g, _nesting);
    }
    g.writeRaw(close);
  }
}
