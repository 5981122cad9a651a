package io.fieldsync.accounting.engine.admin;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceChoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * The admin's decisions on the rows of a tax-rate or item import, as a change of the mappings: host tax rates and
 * categories linked by hand to the accounting system's tax rates and items, or left without one.
 */
final class ReferenceLinks {

    private final ReferenceData data;
    private final String system;

    ReferenceLinks(ReferenceData data, String system) {
        this.data = data;
        this.system = system;
    }

    /** The mappings with every choice applied, all checked first. */
    Mappings apply(Mappings mappings, List<ReferenceChoice> choices) {
        Map<String, String> taxRates = new HashMap<>(mappings.taxRateByHostTaxRate());
        Map<String, String> items = new HashMap<>(mappings.itemByCategory());
        Set<String> chosen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            ReferenceChoice choice = choices.get(i);
            String at = "choices[" + i + "]";
            if (choice == null) {
                throw new InvalidInputException(at, "is missing");
            }
            if (choice.hostValue() == null || choice.hostValue().isBlank()) {
                throw new InvalidInputException(at + ".hostValue", "must name the host's " + what(choice.kind()));
            }
            if (!chosen.add(choice.kind() + "\u0000" + choice.hostValue())) {
                throw new InvalidInputException(at + ".hostValue", "is chosen twice");
            }
            Map<String, String> target = choice.kind() == ReferenceChoice.Kind.TAX_RATE ? taxRates : items;
            if (choice.decision() == ContactDecision.IGNORED) {
                if (choice.remoteKey() != null) {
                    throw new InvalidInputException(at + ".remoteKey", "must be null for IGNORED");
                }
                target.remove(choice.hostValue());
            } else if (choice.decision() == ContactDecision.MAPPED) {
                target.put(choice.hostValue(), remoteKey(choice, at));
            } else {
                throw new InvalidInputException(at + ".decision", "must be MAPPED or IGNORED: tax rates and items are created in "
                        + system + ", then imported again");
            }
        }
        return new Mappings(mappings.revenueAccountByCategory(), items, taxRates, mappings.salesAccount(),
                mappings.depositAccount(), mappings.depositAccountByMethod());
    }

    private String remoteKey(ReferenceChoice choice, String at) {
        String key = choice.remoteKey();
        if (key == null) {
            throw new InvalidInputException(at + ".remoteKey", "must name the " + system + " " + what(choice.kind()) + " for MAPPED");
        }
        if (choice.kind() == ReferenceChoice.Kind.TAX_RATE) {
            Optional<RemoteTaxRate> rate = data.taxRates().stream().filter(candidate -> key.equals(candidate.code())).findFirst();
            if (rate.isEmpty() || !rate.get().active()) {
                throw new InvalidInputException(at + ".remoteKey", "names no active tax rate of " + system + " (by its code)");
            }
            return key;
        }
        Optional<RemoteItem> item = data.items().stream()
                .filter(candidate -> key.equals(candidate.code()) || key.equals(candidate.id())).findFirst();
        if (item.isEmpty() || !item.get().active()) {
            throw new InvalidInputException(at + ".remoteKey", "names no active item of " + system + " (by its code or id)");
        }
        return key;
    }

    private static String what(ReferenceChoice.Kind kind) {
        return kind == ReferenceChoice.Kind.TAX_RATE ? "tax rate" : "category";
    }
}
