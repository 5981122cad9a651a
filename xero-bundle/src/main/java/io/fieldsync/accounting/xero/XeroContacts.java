package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.HashMap;
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
import io.fieldsync.accounting.xero.wire.XeroValidationError;


/**
 * Customers become Xero contacts: matched by email, then by exact name (trimmed, case-insensitive),
 * else created in one batch. Xero refuses a second active contact with the same name; that refusal
 * is answered by matching the existing contact, not by failing.
 */
final class XeroContacts {

    private static final int PAGE_SIZE = 100;
    private static final int WHERE_CHUNK = 20;

    private final XeroApi api;

    XeroContacts(XeroApi api) {
        this.api = api;
    }

    List<PushOutcome> push(ProviderSession session, List<CustomerPush> batch) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CustomerPush> unlinked = new ArrayList<>();
        for (CustomerPush push : batch) {
            if (push.linkedRemoteId() != null) {
                outcomes.add(update(session, push));
            } else {
                unlinked.add(push);
            }
        }
        Map<String, XeroContact> matches = matchAll(session, unlinked);
        List<CustomerPush> toCreate = new ArrayList<>();
        for (CustomerPush push : unlinked) {
            XeroContact match = matches.get(push.customer().hostId());
            if (match != null) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), match.contactID(), null,
                        "matched existing Xero contact " + match.name()));
            } else {
                toCreate.add(push);
            }
        }
        if (!toCreate.isEmpty()) {
            outcomes.addAll(create(session, toCreate));
        }
        return outcomes;
    }

    /**
     * Host customer id → the active contact with its email, else with its exact name. A few calls for a
     * whole batch: one {@code where} per chunk of emails, then one per chunk of names still unmatched,
     * because Xero's 60 calls a minute would not survive a search per customer.
     */
    private Map<String, XeroContact> matchAll(ProviderSession session, List<CustomerPush> pushes) {
        Map<String, XeroContact> matches = new HashMap<>();
        List<CustomerPush> withEmail = pushes.stream().filter(push -> push.customer().email() != null).toList();
        Map<String, XeroContact> byEmail = new HashMap<>();
        for (List<String> chunk : chunks(withEmail.stream().map(push -> push.customer().email().toLowerCase(Locale.ROOT)).distinct().toList())) {
            for (XeroContact contact : where(session, "EmailAddress", chunk)) {
                byEmail.putIfAbsent(strip(contact.emailAddress()).toLowerCase(Locale.ROOT), contact);
            }
        }
        withEmail.forEach(push -> {
            XeroContact contact = byEmail.get(push.customer().email().toLowerCase(Locale.ROOT));
            if (contact != null) {
                matches.put(push.customer().hostId(), contact);
            }
        });
        List<CustomerPush> rest = pushes.stream().filter(push -> !matches.containsKey(push.customer().hostId())).toList();
        Map<String, XeroContact> byName = new HashMap<>();
        for (List<String> chunk : chunks(rest.stream().map(push -> push.customer().name().strip()).distinct().toList())) {
            for (XeroContact contact : where(session, "Name", chunk)) {
                byName.putIfAbsent(strip(contact.name()).toLowerCase(Locale.ROOT), contact);
            }
        }
        rest.forEach(push -> {
            XeroContact contact = byName.get(push.customer().name().strip().toLowerCase(Locale.ROOT));
            if (contact != null) {
                matches.put(push.customer().hostId(), contact);
            }
        });
        return matches;
    }

    private List<XeroContact> where(ProviderSession session, String field, List<String> values) {
        String filter = String.join(" OR ", values.stream().map(value -> field + "==\"" + quote(value) + "\"").toList());
        return api.get(session, "/Contacts", Map.of("where", filter)).contactList().stream()
                .filter(contact -> !"ARCHIVED".equals(contact.contactStatus()))
                .toList();
    }

    /** Keeps each query string well below URL length limits. */
    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += WHERE_CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + WHERE_CHUNK)));
        }
        return chunks;
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    ContactPage page(ProviderSession session, int page) {
        XeroEnvelope contacts = api.get(session, "/Contacts", Map.of("page", Integer.toString(page), "pageSize",
                Integer.toString(PAGE_SIZE)));
        List<RemoteContact> found = contacts.contactList().stream().map(XeroContacts::remote).toList();
        return new ContactPage(found, found.size() == PAGE_SIZE);
    }

    /** Contacts by id: {@code GET /Contacts?IDs=...}, archived ones included, a URL-safe number of ids per call. */
    List<RemoteContact> byId(ProviderSession session, List<String> remoteIds) {
        List<RemoteContact> found = new ArrayList<>();
        for (List<String> chunk : chunks(remoteIds)) {
            api.get(session, "/Contacts", Map.of("IDs", String.join(",", chunk))).contactList().stream()
                    .map(XeroContacts::remote).forEach(found::add);
        }
        return found;
    }

    private static RemoteContact remote(XeroContact contact) {
        return new RemoteContact(contact.contactID(), contact.name(), contact.emailAddress(), !"ARCHIVED".equals(contact.contactStatus()));
    }

    private List<PushOutcome> create(ProviderSession session, List<CustomerPush> pushes) {
        List<XeroContact> contacts = pushes.stream().map(push -> XeroMapper.contact(push.customer(), null)).toList();
        IdempotencyKey key = XeroApi.batchKey(pushes.stream().map(CustomerPush::key).toList());
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
                outcomes.add(Optional.ofNullable(matchAll(session, List.of(push)).get(push.customer().hostId()))
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

    private static boolean duplicateName(XeroContact element) {
        return element.errors().stream().anyMatch(error -> error.message() != null
                && error.message().toLowerCase(Locale.ROOT).contains("already assigned to another contact"));
    }

    private static SyncError invalid(Customer customer, XeroContact element) {
        return new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '" + customer.name() + "' was refused by Xero. "
                + ErrorCode.CUSTOMER_INVALID.action(), messages(element));
    }

    private static String messages(XeroContact element) {
        return XeroValidationError.join(element.errors());
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }
}
