package io.fieldsync.accounting.sandbox.qbo.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.qbo.ledger.Company;
import io.fieldsync.accounting.sandbox.qbo.ledger.Customers;
import io.fieldsync.accounting.sandbox.qbo.ledger.Items;
import io.fieldsync.accounting.sandbox.qbo.ledger.Payments;
import io.fieldsync.accounting.sandbox.qbo.ledger.QboFault;
import io.fieldsync.accounting.sandbox.qbo.ledger.SalesDocuments;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The write operations of the API, shared by the single-entity endpoints and batch items: create (no Id), update
 * (Id + SyncToken, full or sparse), delete and void, for the entities the sandbox writes. Customers and items cannot
 * be deleted in QBO (a client sets {@code Active:false}); accounts, tax codes and tax rates are read-only here.
 */
final class EntityOperations {

    /** Path segment (lower case, as QBO's URLs) → entity name. */
    static final Map<String, String> WRITABLE = Map.of("customer", "Customer", "item", "Item", "invoice", "Invoice",
            "creditmemo", "CreditMemo", "payment", "Payment");

    /** Readable by {@code GET /<entity>/{id}}: the writable ones plus the company's settings. */
    static final Map<String, String> READABLE = Map.of("customer", "Customer", "item", "Item", "invoice", "Invoice",
            "creditmemo", "CreditMemo", "payment", "Payment", "account", "Account", "taxcode", "TaxCode",
            "taxrate", "TaxRate");

    private EntityOperations() {
    }

    static Optional<String> writable(String segment) {
        return Optional.ofNullable(WRITABLE.get(segment.toLowerCase(Locale.ROOT)));
    }

    /**
     * Applies one operation; the company is locked by the caller.
     *
     * @param operation create, update, delete or void (null: create without Id, update with one)
     */
    static ObjectNode apply(Company company, String entity, String operation, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw QboFault.request("The request body must be a JSON object " + entity);
        }
        String op = operation == null ? (body.hasNonNull("Id") ? "update" : "create") : operation.toLowerCase(Locale.ROOT);
        if (op.equals("create") && body.hasNonNull("Id")) {
            op = "update"; // QBO treats a POST with an Id as an update whatever the operation says
        }
        return switch (op) {
            case "create" -> create(company, entity, body);
            case "update" -> update(company, entity, body);
            case "delete" -> delete(company, entity, body);
            case "void" -> voidEntity(company, entity, body);
            default -> throw QboFault.unsupported(op + " on " + entity);
        };
    }

    private static ObjectNode create(Company company, String entity, JsonNode body) {
        return switch (entity) {
            case "Customer" -> Customers.create(company, body);
            case "Item" -> Items.create(company, body);
            case "Invoice", "CreditMemo" -> SalesDocuments.create(company, entity, body);
            case "Payment" -> Payments.create(company, body);
            default -> throw QboFault.unsupported("create on " + entity);
        };
    }

    private static ObjectNode update(Company company, String entity, JsonNode body) {
        return switch (entity) {
            case "Customer" -> Customers.update(company, body);
            case "Item" -> Items.update(company, body);
            case "Invoice", "CreditMemo" -> SalesDocuments.update(company, entity, body);
            case "Payment" -> Payments.update(company, body);
            default -> throw QboFault.unsupported("update on " + entity);
        };
    }

    private static ObjectNode delete(Company company, String entity, JsonNode body) {
        return switch (entity) {
            case "Invoice", "CreditMemo" -> SalesDocuments.delete(company, entity, body);
            case "Payment" -> Payments.delete(company, body);
            default -> throw QboFault.unsupported("delete on " + entity + " (make it inactive instead)");
        };
    }

    private static ObjectNode voidEntity(Company company, String entity, JsonNode body) {
        return switch (entity) {
            case "Invoice", "CreditMemo" -> SalesDocuments.voidDocument(company, entity, body);
            case "Payment" -> Payments.voidPayment(company, body);
            default -> throw QboFault.unsupported("void on " + entity);
        };
    }
}
