package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.xero.wire.XeroContact;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;


/**
 * Customers become Xero contacts: matched by email, then by exact name (trimmed, case-insensitive),
 * else created in one batch. Xero refuses a second active contact with the same name; that refusal
 * is answered by matching the existing contact, not by failing.
 */
final class XeroContacts {

    private static final int PAGE_SIZE = 100;

    private final XeroApi api;

    XeroContacts(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<CustomerPush> batch) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CustomerPush> toCreate = new ArrayList<>();
        for (CustomerPush push : batch) {
            if (push.linkedRemoteId() != null) {
                outcomes.add(update(session, push));
                continue;
            }
            Optional<XeroContact> match = find(session, push.customer());
            if (match.isPresent()) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), match.get().contactID(), null,
                        "matched existing Xero contact " + match.get().name()));
            } else {
                toCreate.add(push);
            }
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate));
        }
        return outcomes;
    }

    ContactPage page(ProviderSession session, int page) {
        XeroEnvelope contacts = api.get(session, "/Contacts", Map.of("page", Integer.toString(page), "pageSize",
                Integer.toString(PAGE_SIZE)));
        List<RemoteContact> found = contacts.contactList().stream()
                .map(contact -> new RemoteContact(contact.contactID(), contact.name(), contact.emailAddress(),
                        !"ARCHIVED".equals(contact.contactStatus())))
                .toList();
        return new ContactPage(found, found.size() == PAGE_SIZE);
    }

    private List<PushOutcome> create(ProviderSession session, List<CustomerPush> pushes) {
        List<XeroContact> contacts = pushes.stream().map(push -> XeroMapper.contact(push.customer(), null)).toList();
        IdempotencyKey key = IdempotencyKey.derive(pushes.stream().map(push -> push.key().value()).toArray(String[]::new));
        XeroReply reply = api.write(session, "PUT", "/Contacts", XeroEnvelope.ofContacts(contacts), key,
                pushes.size() == 1 ? pushes.get(0).document() : null);
        List<XeroContact> answered = api.written(reply, "/Contacts", "Contacts").contactList();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            CustomerPush push = pushes.get(i);
            XeroContact element = i < answered.size() ? answered.get(i) : null;
            if (element == null) {
                outcomes.add(PushOutcome.unknown(push.document(), "Xero's answer had no element for this contact"));
            } else if (element.errors().isEmpty() && element.contactID() != null) {
                outcomes.add(PushOutcome.synced(push.document(), element.contactID(), null));
            } else if (duplicateName(element)) {
                // created meanwhile, or archived-name clash: the contact that holds the name is the customer
                outcomes.add(find(session, push.customer())
                        .map(match -> PushOutcome.alreadyPresent(push.document(), match.contactID(), null,
                                "matched existing Xero contact " + match.name()))
                        .orElseGet(() -> PushOutcome.failed(push.document(), invalid(push.customer(), element))));
            } else {
                outcomes.add(PushOutcome.failed(push.document(), invalid(push.customer(), element)));
            }
        }
        return outcomes;
    }

    private PushOutcome update(ProviderSession session, CustomerPush push) {
        XeroReply reply = api.write(session, "POST", "/Contacts",
                XeroEnvelope.ofContacts(List.of(XeroMapper.contact(push.customer(), push.linkedRemoteId()))), push.key(), push.document());
        List<XeroContact> answered = api.written(reply, "/Contacts", "Contacts").contactList();
        if (!answered.isEmpty() && answered.get(0).errors().isEmpty()) {
            return PushOutcome.synced(push.document(), push.linkedRemoteId(), null);
        }
        // the link stays good even when Xero refuses the new details (e.g. a name another contact holds)
        return PushOutcome.alreadyPresent(push.document(), push.linkedRemoteId(), null, "contact details not updated: "
                + (answered.isEmpty() ? "no answer" : messages(answered.get(0))));
    }

    /** The active contact with the customer's email, else with its exact name. */
    private Optional<XeroContact> find(ProviderSession session, Customer customer) {
        if (customer.email() != null) {
            Optional<XeroContact> byEmail = search(session, customer.email()).stream()
                    .filter(contact -> customer.email().equalsIgnoreCase(strip(contact.emailAddress())))
                    .findFirst();
            if (byEmail.isPresent()) {
                return byEmail;
            }
        }
        String name = customer.name().strip().toLowerCase(Locale.ROOT);
        return search(session, customer.name().strip()).stream()
                .filter(contact -> name.equals(strip(contact.name()).toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    private List<XeroContact> search(ProviderSession session, String term) {
        return api.get(session, "/Contacts", Map.of("searchTerm", term)).contactList().stream()
                .filter(contact -> !"ARCHIVED".equals(contact.contactStatus()))
                .toList();
    }

    private static boolean duplicateName(XeroContact element) {
        return element.errors().stream().anyMatch(error -> error.message() != null
                && error.message().toLowerCase(Locale.ROOT).contains("already assigned to another contact"));
    }

    private static SyncError invalid(Customer customer, XeroContact element) {
        return new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '" + customer.name() + "' was refused by Xero. "
                + ErrorCode.CUSTOMER_INVALID.action(), messages(element));
    }

    private static String messages(XeroContact element) {
        return String.join("; ", element.errors().stream().map(error -> String.valueOf(error.message())).toList());
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
