package io.intelligencesuite.local.databases;

import io.intelligencesuite.schemas.DuckDbDdl;
import io.intelligencesuite.schemas.TableDef;
import io.intelligencesuite.sources.spend.GoogleAdsTransfer;
import io.intelligencesuite.transforms.warehouse.DuckDbQueries;
import io.intelligencesuite.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Locally, the Google Ads Data Transfer Service is a folder of CSV files named like its tables
 * ({@code ads_CampaignBasicStats_<customer_id>.csv}, {@code ads_Campaign_<customer_id>.csv}, a
 * header row of column names): each is loaded into a table of that name in the embedded DuckDB
 * warehouse, replacing it, so the spend pipeline reads it there as it reads BigQuery in production.
 */
public final class GoogleAdsTransferTables {
  private static final Pattern FILE =
      Pattern.compile("ads_(CampaignBasicStats|Campaign)_([0-9]{10})\\.csv");

  private GoogleAdsTransferTables() {}

  /** Loads every transfer file of {@code dir}; returns the customer ids found. */
  public static List<String> load(Warehouse warehouse, Path dir) throws IOException, SQLException {
    DuckDbQueries q = new DuckDbQueries(warehouse);
    List<String> customers = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Matcher m = FILE.matcher(file.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        String customer = m.group(2);
        TableDef table =
            m.group(1).equals("Campaign")
                ? GoogleAdsTransfer.campaign("ads_", customer)
                : GoogleAdsTransfer.campaignBasicStats("ads_", customer);
        if (m.group(1).equals("Campaign")) {
          customers.add(customer);
        }
        q.execute("DROP TABLE IF EXISTS " + table.name());
        q.execute(DuckDbDdl.createTable(table));
        q.execute(
            "INSERT INTO "
                + table.name()
                + " BY NAME SELECT * FROM read_csv('"
                + file.toAbsolutePath().toString().replace("'", "''")
                + "', header = true, auto_detect = true)");
      }
    }
    return customers;
  }
}
