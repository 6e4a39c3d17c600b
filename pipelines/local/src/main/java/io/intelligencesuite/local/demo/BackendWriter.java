package io.intelligencesuite.local.demo;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Writes backend/: the product's MySQL tables (accounts, users, product_events) as DDL + CSV. */
final class BackendWriter {
  static final String SCHEMA =
      """
      -- Product backend (MySQL 8 / MariaDB). Load the CSVs with, e.g.:
      --   LOAD DATA LOCAL INFILE 'accounts.csv' INTO TABLE accounts
      --     FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES;
      CREATE TABLE accounts (
        account_id         INT          NOT NULL PRIMARY KEY,
        name               VARCHAR(200) NOT NULL,
        domain             VARCHAR(200) NOT NULL,
        country            CHAR(2)      NOT NULL,
        city               VARCHAR(100),
        segment            VARCHAR(20)  NOT NULL COMMENT 'small | medium | large (by students)',
        students_count     INT          NOT NULL,
        plan               VARCHAR(20)  NOT NULL COMMENT 'as the backend believes it: trial | starter | growth | pro',
        status             VARCHAR(20)  NOT NULL COMMENT 'trialing | expired | active | past_due | cancelled',
        stripe_customer_id VARCHAR(64),
        created_at         DATETIME     NOT NULL,
        trial_ends_at      DATETIME     NOT NULL,
        updated_at         DATETIME     NOT NULL
      ) DEFAULT CHARSET = utf8mb4;

      CREATE TABLE users (
        user_id    VARCHAR(32)  NOT NULL PRIMARY KEY,
        account_id INT          NOT NULL,
        email      VARCHAR(254) NOT NULL,
        full_name  VARCHAR(200) NOT NULL,
        role       VARCHAR(20)  NOT NULL COMMENT 'admin | principal | teacher | accountant',
        created_at DATETIME     NOT NULL,
        KEY users_account (account_id),
        KEY users_email (email)
      ) DEFAULT CHARSET = utf8mb4;

      CREATE TABLE product_events (
        event_id    BIGINT      NOT NULL PRIMARY KEY,
        user_id     VARCHAR(32) NOT NULL,
        account_id  INT         NOT NULL,
        event_name  VARCHAR(64) NOT NULL,
        feature     VARCHAR(32) NOT NULL COMMENT 'attendance | gradebook | timetable | messaging | billing | reports | parent_portal',
        occurred_at DATETIME    NOT NULL,
        properties  JSON,
        KEY product_events_account_time (account_id, occurred_at)
      ) DEFAULT CHARSET = utf8mb4;
      """;

  private BackendWriter() {}

  static long write(World w, Rng rng, OutputFiles out) throws IOException {
    out.writeDdl("backend/schema.sql", SCHEMA);
    List<Company> accounts = new ArrayList<>();
    for (Company c : w.companies) {
      if (c.hasAccount()) {
        accounts.add(c);
      }
    }
    accounts.sort(Comparator.comparingInt(c -> c.accountId));
    try (Writer f = out.open("backend/accounts.csv")) {
      OutputFiles.csvRow(
          f,
          "account_id",
          "name",
          "domain",
          "country",
          "city",
          "segment",
          "students_count",
          "plan",
          "status",
          "stripe_customer_id",
          "created_at",
          "trial_ends_at",
          "updated_at");
      for (Company c : accounts) {
        OutputFiles.csvRow(
            f,
            c.accountId,
            c.name,
            c.domain,
            c.country.code(),
            c.city,
            c.segment,
            c.students,
            c.backendPlan,
            c.backendStatus,
            c.customer == null ? null : c.customer.stripeId,
            SimCalendar.sql(c.signupAt),
            SimCalendar.sql(c.trialEndsAt),
            SimCalendar.sql(c.backendUpdatedAt));
      }
    }
    out.count("backend/accounts.csv", accounts.size());
    long users = 0;
    try (Writer f = out.open("backend/users.csv")) {
      OutputFiles.csvRow(f, "user_id", "account_id", "email", "full_name", "role", "created_at");
      for (Company c : accounts) {
        List<BackendUser> all = new ArrayList<>(c.users);
        all.addAll(c.movedIn);
        for (BackendUser u : all) {
          OutputFiles.csvRow(
              f,
              u.userId(),
              u.accountId(),
              u.email(),
              u.person().fullName(),
              u.role(),
              SimCalendar.sql(u.createdAt()));
          users++;
        }
      }
    }
    out.count("backend/users.csv", users);

    List<ProductEvent> events = new ArrayList<>(w.trialEvents);
    for (Company c : accounts) {
      events.addAll(ProductUsage.paidUsage(c, rng));
    }
    events.sort(
        Comparator.comparingLong(ProductEvent::occurredAt)
            .thenComparing(ProductEvent::userId)
            .thenComparing(ProductEvent::eventName));
    try (Writer f = out.open("backend/product_events.csv")) {
      OutputFiles.csvRow(
          f,
          "event_id",
          "user_id",
          "account_id",
          "event_name",
          "feature",
          "occurred_at",
          "properties");
      long id = 1;
      for (ProductEvent e : events) {
        OutputFiles.csvRow(
            f,
            id++,
            e.userId(),
            e.accountId(),
            e.eventName(),
            e.feature(),
            SimCalendar.sql(e.occurredAt()),
            e.propertiesJson());
      }
    }
    out.count("backend/product_events.csv", events.size());
    return events.size();
  }
}
