package io.fieldsync.accounting.sandbox.xero.webhooks;

import java.util.List;

/**
 * The result of Xero's "Intent to receive" check: a series of empty event payloads, some correctly and some
 * incorrectly signed; the receiver must answer 200 (no body) to the first kind and 401 to the second.
 */
public record IntentToReceiveReport(boolean passed, List<WebhookDelivery> attempts) {
}
