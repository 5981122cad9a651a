package io.fieldsync.accounting.sandbox.qbo.ledger;

import java.time.Instant;
import java.util.Locale;

/**
 * One change of one entity of one company, as webhooks report it ({@code qbo.<entity>.<operation>.v1}).
 *
 * @param entity the QBO entity name, e.g. {@code Invoice}
 */
public record CompanyChange(String realmId, String entity, String id, Operation operation, Instant at) {

    /** The operations QBO's CloudEvents name (reference/api-facts.md §7.2). */
    public enum Operation {
        CREATED, UPDATED, DELETED, VOIDED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The CloudEvents type, e.g. {@code qbo.invoice.updated.v1}. */
    public String eventType() {
        return "qbo." + entity.toLowerCase(Locale.ROOT) + "." + operation.wireName() + ".v1";
    }
}
