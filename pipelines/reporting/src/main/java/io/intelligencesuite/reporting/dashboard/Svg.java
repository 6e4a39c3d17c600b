package io.intelligencesuite.reporting.dashboard;

import java.util.List;
import java.util.Locale;

/**
 * A tiny writer of well-formed inline SVG (every element closed, text escaped), so the page needs
 * no chart library. A {@code title} on a shape is the browser's own hover text.
 */
final class Svg {
  private final StringBuilder sb = new StringBuilder();

  Svg(int width, int height, String label) {
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(label))
        .append("\">");
  }

  Svg group(String cssClass) {
    sb.append("<g class=\"").append(cssClass).append("\">");
    return this;
  }

  Svg end() {
    sb.append("</g>");
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String cssClass) {
    open("line", cssClass).attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
    sb.append("/>");
    return this;
  }

  Svg polyline(List<double[]> points, String cssClass, String stroke) {
    if (points.isEmpty()) {
      return this;
    }
    open("polyline", cssClass);
    sb.append(" fill=\"none\"");
    if (stroke != null) {
      sb.append(" stroke=\"").append(stroke).append('"');
    }
    sb.append(" points=\"");
    for (double[] p : points) {
      sb.append(n(p[0])).append(',').append(n(p[1])).append(' ');
    }
    sb.setLength(sb.length() - 1);
    sb.append("\"/>");
    return this;
  }

  Svg rect(double x, double y, double w, double h, String cssClass, String fill, String title) {
    open("rect", cssClass)
        .attr("x", x)
        .attr("y", y)
        .attr("width", Math.max(w, 0))
        .attr("height", Math.max(h, 0))
        .fill(fill);
    return shapeEnd("rect", title);
  }

  Svg circle(double cx, double cy, double r, String cssClass, String fill, String title) {
    open("circle", cssClass).attr("cx", cx).attr("cy", cy).attr("r", r).fill(fill);
    return shapeEnd("circle", title);
  }

  /**
   * A diamond, for signal points: shape as well as colour, so they stand out without colour vision.
   */
  Svg diamond(double cx, double cy, double r, String cssClass, String title) {
    open("path", cssClass);
    sb.append(" d=\"M")
        .append(n(cx))
        .append(',')
        .append(n(cy - r))
        .append(" L")
        .append(n(cx + r))
        .append(',')
        .append(n(cy))
        .append(" L")
        .append(n(cx))
        .append(',')
        .append(n(cy + r))
        .append(" L")
        .append(n(cx - r))
        .append(',')
        .append(n(cy))
        .append(" Z\"");
    return shapeEnd("path", title);
  }

  Svg text(double x, double y, String anchor, String cssClass, String content) {
    return text(x, y, anchor, cssClass, null, content);
  }

  /** Text in a colour of its own (a direct label in its line's colour). */
  Svg text(double x, double y, String anchor, String cssClass, String fill, String content) {
    open("text", cssClass).attr("x", x).attr("y", y);
    sb.append(" text-anchor=\"").append(anchor).append('"');
    if (fill != null) {
      sb.append(" style=\"fill:").append(fill).append('"');
    }
    sb.append('>').append(Html.esc(content)).append("</text>");
    return this;
  }

  /** An element's start, {@code <tag class="cssClass"}, left open for its attributes. */
  private Svg open(String tag, String cssClass) {
    sb.append('<').append(tag).append(" class=\"").append(cssClass).append('"');
    return this;
  }

  /** A number attribute, one decimal. */
  private Svg attr(String name, double value) {
    sb.append(' ').append(name).append("=\"").append(n(value)).append('"');
    return this;
  }

  /** A fill attribute when there is one. */
  private Svg fill(String fill) {
    if (fill != null) {
      sb.append(" fill=\"").append(fill).append('"');
    }
    return this;
  }

  private Svg shapeEnd(String tag, String title) {
    if (title == null) {
      sb.append("/>");
    } else {
      sb.append("><title>").append(Html.esc(title)).append("</title></").append(tag).append('>');
    }
    return this;
  }

  String close() {
    return sb.append("</svg>").toString();
  }

  static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
