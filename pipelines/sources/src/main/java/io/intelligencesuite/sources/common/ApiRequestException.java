package io.intelligencesuite.sources.common;

/**
 * An HTTP API's answer that is not data: the message names the request and, when there was an
 * answer, its HTTP status.
 */
public abstract class ApiRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** {@code request} is what failed (for example "ChartMogul GET /v1/customers"). */
  protected ApiRequestException(String request, int status, String message) {
    super(request + " failed" + (status > 0 ? " with HTTP " + status : "") + ": " + message);
    this.status = status;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }
}
