package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.http.ApiResponse;
import io.fieldsync.accounting.sandbox.xero.ledger.Account;
import io.fieldsync.accounting.sandbox.xero.ledger.Item;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;
import io.fieldsync.accounting.sandbox.xero.wire.SettingsJson;
import io.fieldsync.accounting.sandbox.xero.wire.XeroErrors;

import java.util.List;
import java.util.Optional;

/**
 * The read side of the organisation's settings: {@code GET /Organisation}, {@code /Accounts[/{id}]},
 * {@code /TaxRates[/{TaxType}]}, {@code /Items[/{id or code}]} with where, order and If-Modified-Since. The
 * sandbox's settings are seeded, not written through the API.
 */
final class SettingsEndpoints {

    private SettingsEndpoints() {
    }

    static final Endpoint ORGANISATION = request -> {
        if (!"GET".equals(request.method()) || request.segments().size() > 1) {
            return XeroErrors.methodNotAllowed();
        }
        return ApiResponse.json(200, request.envelope("Organisations",
                SandboxJson.array().add(SettingsJson.organisation(request.org()))));
    };

    static final Endpoint ACCOUNTS = request -> {
        if (!"GET".equals(request.method())) {
            return XeroErrors.methodNotAllowed();
        }
        Organisation org = request.org();
        Optional<String> id = request.segment(1);
        if (id.isPresent()) {
            return Fields.parseUuid(id.get()).flatMap(org::account)
                    .map(a -> ApiResponse.json(200, request.envelope("Accounts", SandboxJson.array().add(SettingsJson.account(a)))))
                    .orElseGet(XeroErrors::notFound);
        }
        List<Account> accounts = Listing.modifiedSince(request, org.accounts(), Account::updated);
        List<ObjectNode> rendered = accounts.stream().map(SettingsJson::account).toList();
        return all(request, "Accounts", rendered);
    };

    static final Endpoint TAX_RATES = request -> {
        if (!"GET".equals(request.method())) {
            return XeroErrors.methodNotAllowed();
        }
        Optional<String> type = request.segment(1).or(() -> request.query().first("TaxType"));
        List<ObjectNode> rendered = request.org().taxRates().stream()
                .filter(t -> type.isEmpty() || t.taxType().equalsIgnoreCase(type.get()))
                .map(SettingsJson::taxRate).toList();
        if (request.segment(1).isPresent() && rendered.isEmpty()) {
            return XeroErrors.notFound();
        }
        return all(request, "TaxRates", rendered);
    };

    static final Endpoint ITEMS = request -> {
        if (!"GET".equals(request.method())) {
            return XeroErrors.methodNotAllowed();
        }
        Organisation org = request.org();
        Optional<String> id = request.segment(1);
        if (id.isPresent()) {
            Optional<Item> item = Fields.parseUuid(id.get())
                    .flatMap(uuid -> org.items().stream().filter(i -> i.id().equals(uuid)).findFirst())
                    .or(() -> org.itemByCode(id.get()));
            return item.map(i -> ApiResponse.json(200, request.envelope("Items",
                            SandboxJson.array().add(SettingsJson.item(i, request.unitDecimals())))))
                    .orElseGet(XeroErrors::notFound);
        }
        List<Item> items = Listing.modifiedSince(request, org.items(), Item::updated);
        List<ObjectNode> rendered = items.stream().map(i -> SettingsJson.item(i, request.unitDecimals())).toList();
        return all(request, "Items", rendered);
    };

    private static ApiResponse all(ApiRequest request, String collection, List<ObjectNode> rendered) {
        var array = SandboxJson.array();
        Listing.whereAndOrder(request, rendered).forEach(array::add);
        return ApiResponse.json(200, request.envelope(collection, array));
    }
}
