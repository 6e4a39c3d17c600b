package io.intelligencesuite.local.demo;

/** A row of the backend's users table. */
record BackendUser(
    String userId, int accountId, Person person, String email, String role, long createdAt) {}
