package io.intelligencesuite.marts.revenue;

import io.intelligencesuite.marts.revenue.Billing.Customer;
import io.intelligencesuite.marts.revenue.Billing.Invoice;
import io.intelligencesuite.marts.revenue.Billing.Item;
import io.intelligencesuite.marts.revenue.Billing.Line;
import io.intelligencesuite.marts.revenue.Billing.Subscription;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Everything billed to one customer: the revenue engine's unit of work (one CoGroupByKey group).
 */
public record CustomerBilling(
    String customerId,
    @Nullable Customer customer,
    List<Subscription> subscriptions,
    List<Item> items,
    List<Invoice> invoices,
    List<Line> lines) {}
