/**
 * The admin's shell commands ({@code accounting:connect}, {@code :disconnect}, {@code :mappings}, {@code :map},
 * {@code :documents}, {@code :retry}, {@code :send-now}, {@code :sync-history}, {@code :log}): one Karaf Action each,
 * over the same public API services as the REST API and sharing its views (the sync log's CSV, the mapping gaps, the
 * historical progress), so the console and the API never answer differently.
 */
package io.fieldsync.accounting.admin.shell;
