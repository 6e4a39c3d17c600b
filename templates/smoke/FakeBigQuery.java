import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The two BigQuery REST calls a launcher makes before it submits a job, answered offline for
 * lean-jar-smoke.sh: BigQueryIO's validation asks whether the warehouse dataset exists (GET
 * .../datasets/D) and the Dataflow runner asks each Storage-API-read table for its size (GET
 * .../datasets/D/tables/T). Both get an empty but well-formed answer; anything else is a 404, and
 * every request is logged to stderr, so a new call at launch shows up in the smoke's log.
 *
 * <p>Run as a single-file program (no build): {@code java FakeBigQuery.java PORT_FILE}; it listens
 * on a free local port and writes the port to PORT_FILE.
 */
public final class FakeBigQuery {
  public static void main(String[] args) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", FakeBigQuery::answer);
    server.start();
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
  }

  private static void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    System.err.println(exchange.getRequestMethod() + " " + exchange.getRequestURI());
    // /bigquery/v2/projects/P/datasets/D[/tables/T]
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String body = null;
    if (exchange.getRequestMethod().equals("GET")
        && parts.length == 6
        && parts[4].equals("datasets")) {
      body = "{\"datasetReference\":{" + datasetIds(parts) + "}}";
    } else if (exchange.getRequestMethod().equals("GET")
        && parts.length == 8
        && parts[6].equals("tables")) {
      body =
          "{\"tableReference\":{"
              + datasetIds(parts)
              + ",\"tableId\":\""
              + parts[7]
              + "\"},\"numBytes\":\"0\",\"numRows\":\"0\",\"schema\":{\"fields\":[]}}";
    }
    byte[] bytes =
        (body == null ? "{\"error\":{\"code\":404,\"message\":\"not faked\"}}" : body)
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** {@code "projectId":"P","datasetId":"D"} from /bigquery/v2/projects/P/datasets/D/... */
  private static String datasetIds(String[] parts) {
    return "\"projectId\":\"" + parts[3] + "\",\"datasetId\":\"" + parts[5] + "\"";
  }
}
