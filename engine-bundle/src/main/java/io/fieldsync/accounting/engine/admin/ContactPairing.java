package io.fieldsync.accounting.engine.admin;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.admin.ContactChoice;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.ContactImport;
import io.fieldsync.accounting.api.admin.ImportedContact;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Json;

/**
 * Pairs the accounting system's contacts with the host's customers by name and links the pairs, so
 * that the first invoice of an imported customer needs no lookup. The link remembers the customer as
 * the host gave it: a later change of the customer is pushed to its contact as usual.
 */
final class ContactPairing {

    private final CustomerLinks customerLinks;
    private final Json json = new Json();
    private final Clock clock;
    private final String provider;
    private final String system;

    ContactPairing(CustomerLinks customerLinks, Clock clock, String provider, String system) {
        this.customerLinks = customerLinks;
        this.clock = clock;
        this.provider = provider;
        this.system = system;
    }

    ContactImport pair(CompanyId company, List<RemoteContact> contacts, Collection<Customer> hostCustomers) {
        Map<String, List<Customer>> customersByName = new HashMap<>();
        hostCustomers.forEach(customer -> customersByName.computeIfAbsent(key(customer.name()), name -> new ArrayList<>()).add(customer));
        Map<String, Integer> activeContactsByName = new HashMap<>();
        contacts.stream().filter(RemoteContact::active).forEach(contact -> activeContactsByName.merge(key(contact.name()), 1, Integer::sum));
        Map<String, Customer> unpaired = new LinkedHashMap<>();
        hostCustomers.forEach(customer -> unpaired.put(customer.hostId(), customer));
        List<ImportedContact> report = new ArrayList<>();
        for (RemoteContact contact : contacts) {
            String name = key(contact.name());
            List<Customer> candidates = customersByName.getOrDefault(name, List.of());
            if (!contact.active()) {
                report.add(line(contact, null, ContactDecision.IGNORED, "archived in " + system));
            } else if (activeContactsByName.get(name) > 1 || candidates.size() > 1) {
                report.add(line(contact, null, ContactDecision.IGNORED, "its name is not unique"
                        + (candidates.size() > 1 ? " among the host's customers" : " in " + system) + "; link it by hand"));
            } else if (candidates.size() == 1) {
                Customer customer = candidates.get(0);
                customerLinks.link(company, provider, customer.hostId(), contact.remoteId(),
                        Json.hash(json.write(customer)), customer.name(), clock.instant());
                unpaired.remove(customer.hostId());
                report.add(line(contact, customer.hostId(), ContactDecision.MAPPED, "same name as host customer " + customer.hostId()));
            } else {
                report.add(line(contact, null, ContactDecision.CREATE_IN_HOST, "no host customer has this name"));
            }
        }
        return new ContactImport(report, List.copyOf(unpaired.keySet()));
    }

    /** Applies the admin's choices, all checked before any is applied. */
    ContactImport apply(CompanyId company, List<RemoteContact> contacts, Collection<Customer> hostCustomers, List<ContactChoice> choices) {
        Map<String, RemoteContact> contactsById = new HashMap<>();
        contacts.forEach(contact -> contactsById.put(contact.remoteId(), contact));
        Map<String, Customer> customersById = new LinkedHashMap<>();
        hostCustomers.forEach(customer -> customersById.put(customer.hostId(), customer));
        Set<String> contactsChosen = new HashSet<>();
        Set<String> customersChosen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            ContactChoice choice = choices.get(i);
            String at = "choices[" + i + "]";
            if (choice == null) {
                throw new InvalidInputException(at, "is missing");
            }
            boolean needsContact = choice.decision() != ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM;
            boolean needsCustomer = choice.decision() == ContactDecision.MAPPED || choice.decision() == ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM;
            if (needsContact) {
                RemoteContact contact = choice.remoteContactId() == null ? null : contactsById.get(choice.remoteContactId());
                if (contact == null) {
                    throw new InvalidInputException(at + ".remoteContactId", "names no contact of " + system);
                }
                if (choice.decision() == ContactDecision.MAPPED && !contact.active()) {
                    throw new InvalidInputException(at + ".remoteContactId", "is archived in " + system + "; restore it there first");
                }
                if (!contactsChosen.add(contact.remoteId())) {
                    throw new InvalidInputException(at + ".remoteContactId", "is chosen twice");
                }
            } else if (choice.remoteContactId() != null) {
                throw new InvalidInputException(at + ".remoteContactId", "must be null: the contact is yet to be created");
            }
            if (needsCustomer) {
                if (choice.hostCustomerId() == null || !customersById.containsKey(choice.hostCustomerId())) {
                    throw new InvalidInputException(at + ".hostCustomerId", "names no customer of those given");
                }
                if (!customersChosen.add(choice.hostCustomerId())) {
                    throw new InvalidInputException(at + ".hostCustomerId", "is chosen twice");
                }
            } else if (choice.hostCustomerId() != null) {
                throw new InvalidInputException(at + ".hostCustomerId", "must be null for " + choice.decision());
            }
        }
        List<ImportedContact> report = new ArrayList<>();
        for (ContactChoice choice : choices) {
            RemoteContact contact = choice.remoteContactId() == null ? null : contactsById.get(choice.remoteContactId());
            switch (choice.decision()) {
                case MAPPED -> {
                    Customer customer = customersById.get(choice.hostCustomerId());
                    customerLinks.link(company, provider, customer.hostId(), contact.remoteId(),
                            Json.hash(json.write(customer)), customer.name(), clock.instant());
                    report.add(line(contact, customer.hostId(), ContactDecision.MAPPED, "linked by the admin to host customer " + customer.hostId()));
                }
                case CREATE_IN_HOST -> report.add(line(contact, null, ContactDecision.CREATE_IN_HOST,
                        "the host is to create this customer, then link it"));
                case IGNORED -> report.add(line(contact, null, ContactDecision.IGNORED, "ignored by the admin"));
                case CREATE_IN_ACCOUNTING_SYSTEM -> {
                    Customer customer = customersById.get(choice.hostCustomerId());
                    customerLinks.unlink(company, provider, customer.hostId());
                    report.add(new ImportedContact(null, customer.name(), customer.email(), customer.hostId(),
                            ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM, "created in " + system + " with its next invoice"));
                }
                default -> throw new IllegalStateException("no such decision: " + choice.decision());
            }
        }
        List<String> withoutContact = customersById.keySet().stream()
                .filter(hostId -> customerLinks.find(company, provider, hostId).isEmpty()).toList();
        return new ContactImport(report, withoutContact);
    }

    private static ImportedContact line(RemoteContact contact, String hostCustomerId, ContactDecision decision, String reason) {
        return new ImportedContact(contact.remoteId(), contact.name(), contact.email(), hostCustomerId, decision, reason);
    }

    private static String key(String name) {
        return name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    }
}
