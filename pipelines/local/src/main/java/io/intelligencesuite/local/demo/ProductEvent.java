package io.intelligencesuite.local.demo;

/** One backend product event (feature usage). Ids are assigned when the file is written. */
record ProductEvent(
    long occurredAt,
    String userId,
    int accountId,
    String eventName,
    String feature,
    String propertiesJson) {}
