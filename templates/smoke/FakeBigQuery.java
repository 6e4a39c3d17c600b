import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The BigQuery REST calls a launcher makes before it submits a job, answered offline for
 * lean-jar-smoke.sh and DataflowGraphTest: BigQueryIO's validation asks whether the warehouse
 * dataset exists (GET .../datasets/D) and the Dataflow runner asks each Storage-API-read table for
 * its size (GET .../datasets/D/tables/T): both get an empty but well-formed answer. The run ledger
 * records the run as {@code running} before submitting: {@code pipeline_runs} is unknown (404)
 * until the launcher creates it (POST .../tables, remembered and answered as created), and its
 * query jobs are done at once (POST .../jobs echoes the job's reference with state DONE, GET
 * .../jobs/ID the same). A source's launch-time query of its incremental cursors (POST .../queries)
 * answers done with no rows. Anything else is a 404, and every request is logged to stderr, so a
 * new call at launch shows up in the smoke's log.
 *
 * <p>Run as a single-file program (no build): {@code java FakeBigQuery.java PORT_FILE}; it listens
 * on a free local port and writes the port to PORT_FILE.
 */
public final class FakeBigQuery {
  /**
   * Tables the launcher itself creates before submitting (the run ledger's {@code running} row):
   * unknown until created, so it creates them with the registry's schema.
   */
  private static final java.util.Set<String> LAUNCHER_TABLES = java.util.Set.of("pipeline_runs");

  /** Tables created through this fake (POST .../tables), by id: their resource as sent. */
  private static final java.util.Map<String, String> CREATED =
      new java.util.concurrent.ConcurrentHashMap<>();

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
    // The Google API client gzips request bodies.
    java.io.InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new java.util.zip.GZIPInputStream(in);
    }
    String request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    if (exchange.getRequestMethod().equals("GET")
        && parts.length == 6
        && parts[4].equals("datasets")) {
      body = "{\"datasetReference\":{" + datasetIds(parts) + "}}";
    } else if (exchange.getRequestMethod().equals("POST")
        && parts.length == 7
        && parts[6].equals("tables")) {
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("\"tableId\"\\s*:\\s*\"([^\"]+)\"").matcher(request);
      if (id.find()) {
        CREATED.put(id.group(1), request);
        body = request;
      }
    } else if (exchange.getRequestMethod().equals("GET")
        && parts.length == 8
        && parts[6].equals("tables")
        && (CREATED.containsKey(parts[7]) || LAUNCHER_TABLES.contains(parts[7]))) {
      body = CREATED.get(parts[7]);
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
    // /bigquery/v2/projects/P/queries (jobs.query): a source's launch reads its incremental
    // cursors; an offline warehouse has none, so every query answers done with no rows.
    if (body == null
        && exchange.getRequestMethod().equals("POST")
        && parts.length == 5
        && parts[4].equals("queries")) {
      body =
          "{\"jobReference\":{\"projectId\":\""
              + parts[3]
              + "\",\"jobId\":\"fake-query\"},\"jobComplete\":true,\"totalRows\":\"0\","
              + "\"schema\":{\"fields\":[]},\"rows\":[]}";
    }
    // /bigquery/v2/projects/P/jobs (insert) and /bigquery/v2/projects/P/jobs/ID (poll)
    if (body == null && parts.length >= 5 && parts[4].equals("jobs")) {
      java.util.regex.Matcher id =
          java.util.regex.Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"").matcher(request);
      String jobId = parts.length == 6 ? parts[5] : id.find() ? id.group(1) : "fake-job";
      body =
          "{\"jobReference\":{\"projectId\":\""
              + parts[3]
              + "\",\"jobId\":\""
              + jobId
              + "\"},\"status\":{\"state\":\"DONE\"}}";
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
