package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a client may write: everything it sends except what QBO computes or stamps itself. Clients often send back a
 * whole entity they read (full update), so computed fields are dropped rather than refused, as QBO does.
 * <p>
 * Full update replaces every writable field (one left out is cleared); sparse update ({@code "sparse":true}) changes
 * only the fields sent, and a {@code Line} sent replaces the whole line list (reference/api-facts.md §3.2).
 */
final class Writable {

    /**
     * Stamped or computed by QBO; ignored when a client sends them. TxnTaxDetail is kept because a US company reads
     * its TxnTaxCodeRef; the sales-form rules recompute the rest of it for every write.
     */
    static final Set<String> COMPUTED = Set.of("Id", "SyncToken", "MetaData", "domain", "sparse", "status",
            "TotalAmt", "Balance", "BalanceWithJobs", "HomeBalance", "HomeTotalAmt", "RemainingCredit",
            "UnappliedAmt", "FullyQualifiedName", "LinkedTxn", "CurrencyRef", "Job", "BillWithParent");

    private Writable() {
    }

    static ObjectNode copy(JsonNode request) {
        ObjectNode out = SandboxJson.object();
        request.fields().forEachRemaining(f -> {
            if (!COMPUTED.contains(f.getKey())) {
                out.set(f.getKey(), f.getValue().deepCopy());
            }
        });
        return out;
    }

    /** The entity as it will be after this update: stored + sent fields (sparse) or only the sent ones (full). */
    static ObjectNode merged(ObjectNode stored, JsonNode request) {
        boolean sparse = request.path("sparse").asBoolean(false);
        ObjectNode next = sparse ? copy(stored) : SandboxJson.object();
        next.setAll(copy(request));
        if (!sparse) {
            // Keep what QBO never clears on a full update: the number a sales form was given.
            if (!next.has("DocNumber") && stored.has("DocNumber")) {
                next.set("DocNumber", stored.get("DocNumber"));
            }
        }
        return next;
    }

    /** Replaces the content of {@code stored} (keeping its stamps) with {@code next}. */
    static void replaceContent(ObjectNode stored, ObjectNode next) {
        List<String> names = new ArrayList<>();
        stored.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!Set.of("Id", "SyncToken", "MetaData", "domain", "sparse").contains(name)) {
                stored.remove(name);
            }
        }
        next.fields().forEachRemaining(f -> {
            if (!Set.of("Id", "SyncToken", "MetaData", "domain", "sparse").contains(f.getKey())) {
                stored.set(f.getKey(), f.getValue());
            }
        });
    }
}
