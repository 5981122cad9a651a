package io.fieldsync.accounting.sandbox.qbo.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Set;

/**
 * Products and services. The sandbox creates {@code Service} and {@code NonInventory} items (Inventory needs
 * quantity tracking and asset accounts, not simulated). Name is required and unique among items (6240); the
 * IncomeAccountRef is required and must be an active Income account (2500 otherwise), because sales lines post to
 * their item's income account.
 */
public final class Items {

    private static final Set<String> TYPES = Set.of("Service", "NonInventory");

    private Items() {
    }

    public static ObjectNode create(Company company, JsonNode request) {
        ObjectNode node = Writable.copy(request);
        complete(company, node, null);
        return company.insert("Item", node);
    }

    public static ObjectNode update(Company company, JsonNode request) {
        ObjectNode stored = company.require("Item", request.path("Id").asText(null));
        Company.checkSyncToken(stored, request);
        ObjectNode next = Writable.merged(stored, request);
        complete(company, next, stored.get("Id").asText());
        Writable.replaceContent(stored, next);
        company.touch("Item", stored, CompanyChange.Operation.UPDATED);
        return stored;
    }

    private static void complete(Company company, ObjectNode node, String selfId) {
        String name = node.path("Name").asText("").strip();
        if (name.isEmpty()) {
            throw QboFault.required("Name");
        }
        String type = node.path("Type").asText("Service");
        if (type.equals("Inventory") || type.equals("Group") || type.equals("Category")) {
            throw QboFault.business("the sandbox creates Service and NonInventory items only, not " + type, "Type");
        }
        if (!TYPES.contains(type)) {
            throw QboFault.invalidEnum("Type", type);
        }
        for (ObjectNode other : company.tableOf("Item").all()) {
            if (!other.get("Id").asText().equals(selfId)
                    && other.path("Name").asText().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                throw QboFault.duplicateName(name);
            }
        }
        String accountId = QboMoney.refValue(node, "IncomeAccountRef");
        if (accountId == null) {
            throw QboFault.required("IncomeAccountRef");
        }
        ObjectNode account = company.find("Account", accountId)
                .filter(a -> a.path("Active").asBoolean(true) && "Income".equals(a.path("AccountType").asText()))
                .orElseThrow(() -> QboFault.invalidReference("IncomeAccountRef", "Account", accountId));
        node.put("Name", name);
        node.put("FullyQualifiedName", name);
        node.put("Type", type);
        node.set("IncomeAccountRef", Company.ref(accountId, account.get("Name").asText()));
        if (!node.has("Active")) {
            node.put("Active", true);
        }
        if (!node.has("Taxable")) {
            node.put("Taxable", false);
        }
        if (!node.has("TrackQtyOnHand")) {
            node.put("TrackQtyOnHand", false);
        }
    }
}
