package io.fieldsync.accounting.sandbox.qbo.control;

import java.time.Instant;

/**
 * One POST the sandbox made to the webhook receiver.
 *
 * @param events    how many CloudEvents the body carried (at most 100)
 * @param status    the receiver's HTTP status, or -1 when the POST failed ({@code error} says why)
 * @param signature the {@code intuit-signature} header sent
 * @param body      the JSON array sent (ids only: no personal data)
 */
public record QboWebhookPost(Instant at, int events, int status, String error, String signature, String body) {
}
