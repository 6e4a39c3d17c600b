package io.intelligencesuite.marts.metrics;

import io.intelligencesuite.schemas.MetricParameters;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The per-period sums the metrics are computed from: each is built from one fact and merged with
 * others of the same period (a Beam combine per day or month, or a map merge in plain Java). The
 * classification rules (what counts as activated, converted, qualified, succeeded) live here.
 */
public final class Aggregates {
  private Aggregates() {}

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  /** Something that adds up: merge returns a new value and never changes its inputs. */
  public interface Mergeable<T> extends Serializable {
    T merge(T other);
  }

  /**
   * One day's MRR movements: magnitudes per type, the signed FX change (mrr rule 8), counts, and
   * the signed MRR change.
   */
  public record DayRevenue(
      long newMrr,
      long expansionMrr,
      long contractionMrr,
      long churnedMrr,
      long reactivationMrr,
      long fxMrr,
      long newCount,
      long churnCount,
      long reactivationCount,
      long delta)
      implements Mergeable<DayRevenue> {
    public static final DayRevenue ZERO = new DayRevenue(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static DayRevenue of(Facts.Movement m) {
      long size = Math.abs(m.delta());
      return switch (m.type()) {
        case "new" -> new DayRevenue(size, 0, 0, 0, 0, 0, 1, 0, 0, m.delta());
        case "expansion" -> new DayRevenue(0, size, 0, 0, 0, 0, 0, 0, 0, m.delta());
        case "contraction" -> new DayRevenue(0, 0, size, 0, 0, 0, 0, 0, 0, m.delta());
        case "churn" -> new DayRevenue(0, 0, 0, size, 0, 0, 0, 1, 0, m.delta());
        case "reactivation" -> new DayRevenue(0, 0, 0, 0, size, 0, 0, 0, 1, m.delta());
        case "fx" -> new DayRevenue(0, 0, 0, 0, 0, m.delta(), 0, 0, 0, m.delta());
        default ->
            throw new IllegalArgumentException(
                "fact_revenue movement_type '"
                    + m.type()
                    + "' of customer "
                    + m.customerId()
                    + " on "
                    + m.date()
                    + " is not one of new, expansion, contraction, churn, reactivation, fx");
      };
    }

    @Override
    public DayRevenue merge(DayRevenue o) {
      return new DayRevenue(
          newMrr + o.newMrr,
          expansionMrr + o.expansionMrr,
          contractionMrr + o.contractionMrr,
          churnedMrr + o.churnedMrr,
          reactivationMrr + o.reactivationMrr,
          fxMrr + o.fxMrr,
          newCount + o.newCount,
          churnCount + o.churnCount,
          reactivationCount + o.reactivationCount,
          delta + o.delta);
    }

    /** Change in paying customers: every 0 -> x is new or reactivation, every x -> 0 churn. */
    public long customerChange() {
      return newCount + reactivationCount - churnCount;
    }
  }

  /**
   * A month's movements per day: what the per-month shuffle carries, so the revenue sums meet on
   * one key per month rather than one per day.
   */
  public record MonthRevenue(TreeMap<LocalDate, DayRevenue> days)
      implements Mergeable<MonthRevenue> {
    public static MonthRevenue of(Facts.Movement m) {
      TreeMap<LocalDate, DayRevenue> days = new TreeMap<>();
      days.put(m.date(), DayRevenue.of(m));
      return new MonthRevenue(days);
    }

    @Override
    public MonthRevenue merge(MonthRevenue o) {
      TreeMap<LocalDate, DayRevenue> sum = new TreeMap<>(days);
      o.days.forEach((d, r) -> sum.merge(d, r, DayRevenue::merge));
      return new MonthRevenue(sum);
    }
  }

  /**
   * One month's customer churn and retention inputs, from each customer's state at the month's
   * start and end (and a year before its end): customers paying at the start and those of them not
   * paying at the end; the MRR of the customers paying at the start ({@code baseMrr}), theirs at
   * the end ({@code retainedMrr}) and theirs at the end capped at the start per customer ({@code
   * grossRetainedMrr}); the same three against the month's end a year before ({@code ...12}).
   */
  public record MonthCustomers(
      long atStart,
      long churnedFromStart,
      long baseMrr,
      long retainedMrr,
      long grossRetainedMrr,
      long baseMrr12,
      long retainedMrr12,
      long grossRetainedMrr12)
      implements Mergeable<MonthCustomers> {
    public static final MonthCustomers ZERO = new MonthCustomers(0, 0, 0, 0, 0, 0, 0, 0);

    public static MonthCustomers of(CustomerHistory.CustomerMonth m) {
      long start = m.mrrAtStart();
      long yearBefore = m.mrrYearBeforeEnd();
      long end = m.mrrAtEnd();
      boolean wasPaying = m.payingAtStart();
      boolean paidYearBefore = yearBefore > 0;
      return new MonthCustomers(
          wasPaying ? 1 : 0,
          wasPaying && !m.payingAtEnd() ? 1 : 0,
          wasPaying ? start : 0,
          wasPaying ? end : 0,
          wasPaying ? Math.min(start, end) : 0,
          paidYearBefore ? yearBefore : 0,
          paidYearBefore ? end : 0,
          paidYearBefore ? Math.min(yearBefore, end) : 0);
    }

    @Override
    public MonthCustomers merge(MonthCustomers o) {
      return new MonthCustomers(
          atStart + o.atStart,
          churnedFromStart + o.churnedFromStart,
          baseMrr + o.baseMrr,
          retainedMrr + o.retainedMrr,
          grossRetainedMrr + o.grossRetainedMrr,
          baseMrr12 + o.baseMrr12,
          retainedMrr12 + o.retainedMrr12,
          grossRetainedMrr12 + o.grossRetainedMrr12);
    }
  }

  /** One trial-start cohort. latestEndsAt decides maturity. */
  public record TrialCohort(
      long started, long activated, long converted, long ended, long latestEndsAt)
      implements Mergeable<TrialCohort> {
    public static final TrialCohort ZERO = new TrialCohort(0, 0, 0, 0, Long.MIN_VALUE);

    public static TrialCohort of(Facts.Trial t, AsOf asOf, MetricParameters p) {
      Long activatedAt = asOf.known(t.activatedAt());
      Long convertedAt = asOf.known(t.convertedAt());
      boolean activated = activatedAt != null && activatedAt < t.endsAt();
      boolean converted =
          convertedAt != null
              && convertedAt <= t.endsAt() + p.trialConversionWindowDays() * DAY_MILLIS;
      boolean ended = asOf.includes(t.endsAt());
      return new TrialCohort(1, activated ? 1 : 0, converted ? 1 : 0, ended ? 1 : 0, t.endsAt());
    }

    @Override
    public TrialCohort merge(TrialCohort o) {
      return new TrialCohort(
          started + o.started,
          activated + o.activated,
          converted + o.converted,
          ended + o.ended,
          Math.max(latestEndsAt, o.latestEndsAt));
    }

    /** Every trial of the cohort has ended, so activation can no longer change. */
    public boolean allEnded(AsOf asOf) {
      return started > 0 && latestEndsAt <= asOf.endMillis();
    }

    /** Every trial has ended and its conversion window has passed. */
    public boolean matured(AsOf asOf, MetricParameters p) {
      return started > 0
          && latestEndsAt + p.trialConversionWindowDays() * DAY_MILLIS < asOf.endMillis();
    }
  }

  /** One lead-creation cohort, split by qualification (first score against the threshold). */
  public record LeadCohort(long leads, long qualified, long qualifiedConverted, long otherConverted)
      implements Mergeable<LeadCohort> {
    public static final LeadCohort ZERO = new LeadCohort(0, 0, 0, 0);

    public static LeadCohort of(Facts.Lead l, AsOf asOf, MetricParameters p) {
      boolean qualified =
          asOf.known(l.firstScoredAt()) != null && MetricRules.isQualified(l.firstScore(), p);
      Long paidAt = asOf.known(l.convertedAt());
      // A company that paid before the lead existed was not converted by it.
      boolean converted =
          paidAt != null
              && paidAt >= l.createdAt()
              && paidAt <= l.createdAt() + p.leadConversionWindowDays() * DAY_MILLIS;
      return new LeadCohort(
          1, qualified ? 1 : 0, qualified && converted ? 1 : 0, !qualified && converted ? 1 : 0);
    }

    @Override
    public LeadCohort merge(LeadCohort o) {
      return new LeadCohort(
          leads + o.leads,
          qualified + o.qualified,
          qualifiedConverted + o.qualifiedConverted,
          otherConverted + o.otherConverted);
    }

    public long other() {
      return leads - qualified;
    }
  }

  /**
   * One month's closed deals (by close date): won and lost counts and each won deal's sales cycle
   * in days (created to closed), sorted, for the median.
   */
  public record DealMonth(long won, long lost, List<Double> wonCycleDays)
      implements Mergeable<DealMonth> {
    public static final DealMonth ZERO = new DealMonth(0, 0, List.of());

    public static DealMonth of(Facts.Deal d) {
      return d.won()
          ? new DealMonth(1, 0, List.of((d.closedAt() - d.createdAt()) / (double) DAY_MILLIS))
          : new DealMonth(0, 1, List.of());
    }

    @Override
    public DealMonth merge(DealMonth o) {
      List<Double> cycles = new java.util.ArrayList<>(wonCycleDays);
      cycles.addAll(o.wonCycleDays);
      java.util.Collections.sort(cycles);
      return new DealMonth(won + o.won, lost + o.lost, List.copyOf(cycles));
    }
  }

  /** One month's settled charge attempts. Pending attempts count in neither. */
  public record PaymentMonth(long succeeded, long failed) implements Mergeable<PaymentMonth> {
    public static final PaymentMonth ZERO = new PaymentMonth(0, 0);

    public static PaymentMonth of(Facts.Payment p) {
      return switch (p.status()) {
        case "succeeded" -> new PaymentMonth(1, 0);
        case "failed" -> new PaymentMonth(0, 1);
        default -> ZERO;
      };
    }

    @Override
    public PaymentMonth merge(PaymentMonth o) {
      return new PaymentMonth(succeeded + o.succeeded, failed + o.failed);
    }
  }

  /** One month's subscription-line discounts and list amounts, reporting-currency cents. */
  public record DiscountMonth(long discountCents, long listCents)
      implements Mergeable<DiscountMonth> {
    public static final DiscountMonth ZERO = new DiscountMonth(0, 0);

    public static DiscountMonth of(Facts.InvoiceLine l) {
      return new DiscountMonth(l.discountCents(), l.listCents());
    }

    @Override
    public DiscountMonth merge(DiscountMonth o) {
      return new DiscountMonth(discountCents + o.discountCents, listCents + o.listCents);
    }
  }

  /**
   * One month's feature adoption: companies paying at month end, how many of them used each
   * feature, and every feature seen (so a feature no paying company used still gets a 0).
   */
  public record Adoption(long payingCompanies, Map<String, Long> adopters, Set<String> featuresSeen)
      implements Mergeable<Adoption> {
    public static final Adoption ZERO = new Adoption(0, Map.of(), Set.of());

    /** One company in one month: paying at its end or not, and the features it used in it. */
    public static Adoption ofCompanyMonth(boolean paying, Set<String> featuresUsed) {
      Map<String, Long> adopters = new TreeMap<>();
      if (paying) {
        featuresUsed.forEach(f -> adopters.put(f, 1L));
      }
      return new Adoption(paying ? 1 : 0, adopters, new TreeSet<>(featuresUsed));
    }

    @Override
    public Adoption merge(Adoption o) {
      Map<String, Long> sum = new TreeMap<>(adopters);
      o.adopters.forEach((f, n) -> sum.merge(f, n, Long::sum));
      Set<String> seen = new TreeSet<>(featuresSeen);
      seen.addAll(o.featuresSeen);
      return new Adoption(payingCompanies + o.payingCompanies, sum, seen);
    }
  }
}
