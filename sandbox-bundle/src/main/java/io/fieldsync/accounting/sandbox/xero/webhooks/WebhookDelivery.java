package io.fieldsync.accounting.sandbox.xero.webhooks;

import java.time.Instant;

/**
 * One POST the sandbox made to the webhook URL, and how the receiver answered.
 *
 * @param status          the receiver's HTTP status, or -1 if the call failed ({@code error} says why)
 * @param correctlySigned false only for the deliberately mis-signed intent-to-receive payloads
 * @param responseHadBody Xero requires the receiver to answer with no body
 */
public record WebhookDelivery(Instant at, String body, String signature, boolean intentToReceive,
                              boolean correctlySigned, int status, boolean responseHadBody, String error) {

    public boolean answeredAsXeroExpects() {
        int expected = correctlySigned ? 200 : 401;
        return status == expected && !(correctlySigned && responseHadBody);
    }
}
