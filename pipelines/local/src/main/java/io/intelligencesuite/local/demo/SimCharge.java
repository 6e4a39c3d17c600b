package io.intelligencesuite.local.demo;

/** One card payment attempt for an invoice. */
record SimCharge(
    String id,
    SimInvoice invoice,
    long amount,
    String currency,
    long created,
    boolean succeeded,
    String failureCode,
    String failureMessage,
    String declineCode) {}
