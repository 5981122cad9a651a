package io.fieldsync.accounting.api.admin;

/** How a health check came out, in rising order of trouble. */
public enum HealthStatus {
    /** Nothing to do. */
    OK,
    /** Works, but an admin should look (a connection being set up, a lane paused by a limit for long). */
    WARN,
    /** Documents are not going out until someone acts (an expired connection, a stuck lane, no database). */
    CRITICAL
}
