package io.fieldsync.accounting.sandbox.xero.control;

import java.time.Instant;

/**
 * One POST the sandbox made to the webhook receiver.
 *
 * @param intentToReceive  part of an intent-to-receive check (empty events) rather than an event delivery
 * @param correctlySigned  false only for the deliberately mis-signed payloads of the intent-to-receive check
 * @param status           the receiver's HTTP status, or -1 when the POST failed ({@code error} says why)
 * @param error            why the POST failed, or null
 * @param body             the JSON payload sent (ids only: no personal data)
 */
public record WebhookPost(Instant at, boolean intentToReceive, boolean correctlySigned, int status, String error,
                          String body) {
}
