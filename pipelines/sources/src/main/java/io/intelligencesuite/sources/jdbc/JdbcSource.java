package io.intelligencesuite.sources.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * One JDBC source database as a pipeline sees it: driver, URL, user and the password resolved at
 * launch. Knows the names of the options that set it, so every error says which option to fix. The
 * password is never part of {@link #toString()}, of an error message or of the run audit.
 */
public final class JdbcSource implements Serializable {
  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9_.]+$");

  /** Launch-time connection check: well under the 30 s a broken source may take to fail. */
  static final int LOGIN_TIMEOUT_SECONDS = 10;

  private final String description;
  private final String driverClass;
  private final String url;
  private final String user;
  private final String password;
  private final String urlOption;
  private final String credentialOptions;

  JdbcSource(
      String description,
      String driverClass,
      String url,
      String user,
      String password,
      String urlOption,
      String credentialOptions) {
    this.description = description;
    this.driverClass = driverClass;
    this.url = url;
    this.user = user;
    this.password = password;
    this.urlOption = urlOption;
    this.credentialOptions = credentialOptions;
  }

  /**
   * MySQL or MariaDB through MariaDB Connector/J. {@code jdbc:mysql:} URLs are accepted (the driver
   * needs {@code permitMysqlScheme} for them); a connect timeout is added unless the URL sets one.
   */
  public static JdbcSource mysql(
      String description,
      String url,
      String user,
      String password,
      String urlOption,
      String credentialOptions) {
    String u =
        requireUrl(
            url,
            urlOption,
            "jdbc:mysql://HOST:3306/DB or jdbc:mariadb://HOST:3306/DB",
            "jdbc:mysql:",
            "jdbc:mariadb:");
    if (u.startsWith("jdbc:mysql:")) {
      u = withParameter(u, "permitMysqlScheme", "true");
    }
    u = withParameter(u, "connectTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS * 1000));
    return new JdbcSource(
        description, "org.mariadb.jdbc.Driver", u, user, password, urlOption, credentialOptions);
  }

  /**
   * PostgreSQL (Supabase). {@code sslMode} {@code auto} means {@code require} for a remote host and
   * {@code disable} for localhost; an {@code sslmode} already in the URL wins.
   */
  public static JdbcSource postgres(
      String description,
      String url,
      String user,
      String password,
      String sslMode,
      String urlOption,
      String credentialOptions) {
    String u =
        requireUrl(url, urlOption, "jdbc:postgresql://HOST:5432/postgres", "jdbc:postgresql:");
    String mode =
        sslMode == null || sslMode.isBlank() || sslMode.equals("auto")
            ? (isLocal(host(u)) ? "disable" : "require")
            : sslMode;
    u = withParameter(u, "sslmode", mode);
    u = withParameter(u, "connectTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
    u = withParameter(u, "loginTimeout", Integer.toString(LOGIN_TIMEOUT_SECONDS));
    return new JdbcSource(
        description, "org.postgresql.Driver", u, user, password, urlOption, credentialOptions);
  }

  public JdbcIO.DataSourceConfiguration configuration() {
    JdbcIO.DataSourceConfiguration c = JdbcIO.DataSourceConfiguration.create(driverClass, url);
    if (user != null) {
      c = c.withUsername(user);
    }
    if (password != null) {
      c = c.withPassword(password);
    }
    return c;
  }

  /** The rows of {@code query} as source records (column -> text), uninterpreted. */
  public JdbcIO.Read<Map<String, String>> read(String query) {
    return JdbcIO.<Map<String, String>>read()
        .withDataSourceConfiguration(configuration())
        .withQuery(query)
        .withRowMapper(SourceRecords.mapper())
        .withCoder(SourceRecords.CODER);
  }

  public String url() {
    return url;
  }

  /**
   * {@code instant} as a SQL literal this database compares with its timestamp columns as UTC:
   * PostgreSQL a {@code timestamptz} with offset +00; MySQL / MariaDB a plain timestamp in UTC wall
   * time, which is how the parsers read a DATETIME without a zone (as UTC). Built from an Instant,
   * never from text, so nothing can be injected.
   */
  public String timestampLiteral(org.joda.time.Instant instant) {
    String utc =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochMilli(instant.getMillis()));
    return driverClass.equals("org.postgresql.Driver")
        ? "CAST('" + utc + "+00' AS TIMESTAMPTZ)"
        : "TIMESTAMP '" + utc + "'";
  }

  /** HOST:PORT of the URL, for messages. */
  public String hostAndPort() {
    return host(url);
  }

  /**
   * Opens one connection at launch, before anything is written, so a database that is down or
   * refuses the login fails the run within seconds, naming the host and the option to fix.
   */
  public void checkReachable() {
    try {
      Class.forName(driverClass);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JDBC driver " + driverClass + " is not on the classpath", e);
    }
    DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      c.isValid(LOGIN_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      boolean login =
          state.startsWith("28")
              || e.getErrorCode() == 1045
              || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
      String fix =
          login
              ? "the server refused the login for user '" + user + "': check " + credentialOptions
              : "the database is down or unreachable: check "
                  + urlOption
                  + " (host, port, database) and that the server runs";
      throw new IllegalArgumentException(
          "Cannot connect to the "
              + description
              + " at "
              + hostAndPort()
              + ": "
              + fix
              + ". Driver said: "
              + redact(String.valueOf(e.getMessage())),
          null);
    }
  }

  /**
   * The JDBC type ({@link java.sql.Types}) of each column of {@code query}'s result, by lower-case
   * label, asked at launch without fetching a row ({@code WHERE 1 = 0}); a query that fails names
   * {@code queryOption}.
   */
  public Map<String, Integer> columnTypes(String query, String queryOption) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT * FROM (" + query + ") AS q WHERE 1 = 0")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      Map<String, Integer> types = new java.util.HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        types.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), md.getColumnType(i));
      }
      return types;
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "The query of "
              + queryOption
              + " fails on the "
              + description
              + " at "
              + hostAndPort()
              + ": "
              + redact(String.valueOf(e.getMessage())),
          null);
    }
  }

  private String redact(String message) {
    return password == null || password.isEmpty() ? message : message.replace(password, "****");
  }

  /** A table or column name taken from an option: letters, digits, '_' and '.' only. */
  public static String identifier(String value, String option) {
    if (value == null || !IDENTIFIER.matcher(value).matches()) {
      throw new IllegalArgumentException(
          option + " must match ^[A-Za-z0-9_.]+$ (a table or column name), got '" + value + "'");
    }
    return value;
  }

  static String host(String url) {
    int start = url.indexOf("//");
    if (start < 0) {
      return url;
    }
    int end = start + 2;
    while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    String host = url.substring(start + 2, end);
    int at = host.lastIndexOf('@');
    return at >= 0 ? host.substring(at + 1) : host;
  }

  static boolean isLocal(String hostAndPort) {
    String h = hostAndPort.toLowerCase(Locale.ROOT);
    int colon = h.startsWith("[") ? h.indexOf(']') + 1 : h.indexOf(':');
    String name = colon > 0 ? h.substring(0, colon) : h;
    return name.isEmpty()
        || name.equals("localhost")
        || name.startsWith("127.")
        || name.equals("[::1]")
        || name.equals("::1");
  }

  static String withParameter(String url, String key, String value) {
    String lower = url.toLowerCase(Locale.ROOT);
    String k = key.toLowerCase(Locale.ROOT) + "=";
    if (lower.contains("?" + k) || lower.contains("&" + k)) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + key + "=" + value;
  }

  private static String requireUrl(String url, String option, String example, String... prefixes) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("Give " + option + ", e.g. " + example);
    }
    for (String p : prefixes) {
      if (url.startsWith(p)) {
        return url.trim();
      }
    }
    throw new IllegalArgumentException(
        option + " must start with " + String.join(" or ", prefixes) + ", e.g. " + example);
  }

  @Override
  public String toString() {
    return description + " " + url + " as " + user;
  }
}
