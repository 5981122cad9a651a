package io.fieldsync.accounting.quickbooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.quickbooks.wire.QboAddress;
import io.fieldsync.accounting.quickbooks.wire.QboCustomer;
import io.fieldsync.accounting.quickbooks.wire.QboEmail;
import io.fieldsync.accounting.quickbooks.wire.QboPhone;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * Customers: matched by email, then by exact display name (trimmed, case-insensitive), else created. QBO cannot
 * filter customers on their email ({@code PrimaryEmailAddr} is not queryable: 4001), so when a push carries emails the
 * company's active customers are read (every page, {@link QboPages}) and compared here; a push without emails looks
 * names up with {@code DisplayName in (...)}. Either is one batch call for a company of up to 1,000 customers; the
 * creations are one more. QBO refuses a
 * second customer with a display name already in use (6240, unique across customers, vendors and employees):
 * that refusal is answered by finding the holder and linking it when it is provably the same customer.
 */
final class QboCustomers {

    private static final int PAGE_SIZE = 100;
    /** Values per {@code in (...)} condition: keeps a query statement far from any length limit. */
    private static final int IN_CHUNK = 50;

    private final QboBatch batch;
    private final QuickBooksApi api;
    private final QboLists lists;
    private final QboPages pages;

    QboCustomers(QboBatch batch, QuickBooksApi api, QboLists lists) {
        this.batch = batch;
        this.api = api;
        this.lists = lists;
        this.pages = new QboPages(batch);
    }

    List<PushOutcome> push(ProviderSession session, List<CustomerPush> pushes) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CustomerPush> linked = pushes.stream().filter(push -> push.linkedRemoteId() != null).toList();
        List<CustomerPush> unlinked = new ArrayList<>();
        for (CustomerPush push : pushes) {
            if (push.linkedRemoteId() != null) {
                continue;
            }
            if (push.customer().name().isEmpty()) {
                outcomes.add(PushOutcome.failed(push.document(), SyncError.of(ErrorCode.CUSTOMER_INVALID, push.customer().hostId())
                        .withDetail("QuickBooks needs a display name")));
            } else {
                unlinked.add(push);
            }
        }
        if (!linked.isEmpty()) {
            outcomes.addAll(update(session, linked));
        }
        Map<String, QboCustomer> matches = match(session, unlinked);
        List<CustomerPush> toCreate = new ArrayList<>();
        for (CustomerPush push : unlinked) {
            QboCustomer match = matches.get(push.customer().hostId());
            if (match != null) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), match.id(), null, "matched existing QuickBooks customer " + match.displayName()));
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
        int start = (Math.max(1, page) - 1) * PAGE_SIZE + 1;
        JsonNode found = api.query(session, "select * from Customer orderby Id startposition " + start + " maxresults " + PAGE_SIZE);
        List<RemoteContact> contacts = QuickBooksApi.entities(found, "Customer", QboCustomer.class).stream().map(QboCustomers::remote).toList();
        return new ContactPage(contacts, contacts.size() == PAGE_SIZE);
    }

    /** Customers by id, for name sync: {@code Id in (...)} queries, all in one batch call. */
    List<RemoteContact> byId(ProviderSession session, List<String> remoteIds) {
        List<String> statements = chunks(remoteIds.stream().distinct().toList()).stream()
                .map(chunk -> "select * from Customer where Id in " + QuickBooksApi.in(chunk)).toList();
        List<RemoteContact> found = new ArrayList<>();
        for (JsonNode answer : batch.queries(session, statements)) {
            QuickBooksApi.entities(answer, "Customer", QboCustomer.class).stream().map(QboCustomers::remote).forEach(found::add);
        }
        return found;
    }

    private static RemoteContact remote(QboCustomer customer) {
        return new RemoteContact(customer.id(), customer.displayName(), customer.email(), !Boolean.FALSE.equals(customer.active()));
    }

    /** Host customer id → the customer with its email, else with its display name: one batch call of queries. */
    private Map<String, QboCustomer> match(ProviderSession session, List<CustomerPush> pushes) {
        Map<String, QboCustomer> matches = new HashMap<>();
        if (pushes.isEmpty()) {
            return matches;
        }
        boolean withEmails = pushes.stream().anyMatch(push -> push.customer().email() != null);
        List<QboCustomer> candidates = new ArrayList<>();
        if (withEmails) {
            candidates.addAll(pages.all(session, "select * from Customer", "Customer", QboCustomer.class));
        } else {
            List<String> names = pushes.stream().map(push -> push.customer().name()).distinct().toList();
            List<String> statements = new ArrayList<>();
            chunks(names).forEach(chunk -> statements.add("select * from Customer where DisplayName in " + QuickBooksApi.in(chunk)));
            batch.queries(session, statements).forEach(answer -> candidates.addAll(QuickBooksApi.entities(answer, "Customer", QboCustomer.class)));
        }
        Map<String, QboCustomer> byEmail = new HashMap<>();
        Map<String, QboCustomer> byName = new HashMap<>();
        for (QboCustomer customer : candidates) {
            if (Boolean.FALSE.equals(customer.active())) {
                continue;
            }
            if (customer.email() != null) {
                byEmail.putIfAbsent(lower(customer.email()), customer);
            }
            byName.putIfAbsent(lower(customer.displayName()), customer);
        }
        for (CustomerPush push : pushes) {
            Customer customer = push.customer();
            QboCustomer found = customer.email() == null ? null : byEmail.get(lower(customer.email()));
            if (found == null) {
                found = byName.get(lower(customer.name()));
            }
            if (found != null) {
                matches.put(customer.hostId(), found);
            }
        }
        return matches;
    }

    private List<PushOutcome> create(ProviderSession session, List<CustomerPush> pushes) {
        // QBO fixes a customer's currency when it creates it: the currency of the documents it is created for
        QboLists.Lists current = pushes.stream().anyMatch(push -> push.currency() != null) ? lists.current(session) : null;
        List<QboBatch.Item> items = pushes.stream()
                .map(push -> QboBatch.Item.create("Customer", customer(push.customer(), null, null,
                        current == null ? null : QboCurrencies.forNewCustomer(current, push.currency())), push.key(), push.document()))
                .toList();
        List<QboBatch.Answer> answers = batch.run(session, "customer", items);
        List<PushOutcome> outcomes = new ArrayList<>();
        List<CustomerPush> nameTaken = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            CustomerPush push = pushes.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.ok()) {
                outcomes.add(PushOutcome.synced(push.document(), answer.node().path("Id").asText(), null));
            } else if (answer.unknown() != null) {
                outcomes.add(PushOutcome.unknown(push.document(), answer.unknown()));
            } else if (answer.fault().has(QboFaults.DUPLICATE_NAME)) {
                nameTaken.add(push);
            } else {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '"
                        + push.customer().name() + "' was refused by QuickBooks. " + ErrorCode.CUSTOMER_INVALID.action(), answer.fault().words())));
            }
        }
        if (!nameTaken.isEmpty()) {
            outcomes.addAll(nameHolders(session, nameTaken));
        }
        return outcomes;
    }

    /**
     * 6240: the name is in use by a customer the first lookup did not see (created meanwhile, or inactive). It is
     * this customer when the emails agree (or one side has none); anything else is another party.
     */
    private List<PushOutcome> nameHolders(ProviderSession session, List<CustomerPush> pushes) {
        List<String> names = pushes.stream().map(push -> push.customer().name()).distinct().toList();
        List<String> statements = new ArrayList<>();
        chunks(names).forEach(chunk -> statements.add("select * from Customer where DisplayName in " + QuickBooksApi.in(chunk)));
        chunks(names).forEach(chunk -> statements.add("select * from Customer where Active = false and DisplayName in " + QuickBooksApi.in(chunk)));
        Map<String, QboCustomer> byName = new HashMap<>();
        for (JsonNode answer : batch.queries(session, statements)) {
            QuickBooksApi.entities(answer, "Customer", QboCustomer.class)
                    .forEach(customer -> byName.merge(lower(customer.displayName()), customer,
                            (first, second) -> Boolean.FALSE.equals(first.active()) ? second : first));
        }
        List<PushOutcome> outcomes = new ArrayList<>();
        for (CustomerPush push : pushes) {
            QboCustomer holder = byName.get(lower(push.customer().name()));
            boolean same = holder != null && (holder.email() == null || push.customer().email() == null
                    || lower(holder.email()).equals(lower(push.customer().email())));
            if (!same) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.CUSTOMER_INVALID, "The name '" + push.customer().name()
                        + "' is already used in QuickBooks by another customer, supplier or employee. Give the customer a distinct name "
                        + "in the customer record, then retry.", holder == null ? "6240 Duplicate Name Exists" : "held by customer " + holder.id())));
            } else if (Boolean.FALSE.equals(holder.active())) {
                outcomes.add(reactivate(session, push, holder));
            } else {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), holder.id(), null, "matched existing QuickBooks customer " + holder.displayName()));
            }
        }
        return outcomes;
    }

    /** The same customer, made inactive in QBO: made active again so that invoices can name it. */
    private PushOutcome reactivate(ProviderSession session, CustomerPush push, QboCustomer holder) {
        QboCustomer active = new QboCustomer(holder.id(), holder.syncToken(), true, null, null, null, null, null, true, null);
        QboBatch.Answer answer = batch.run(session, "customer-reactivate",
                List.of(QboBatch.Item.update("Customer", active, push.key(), push.document()))).get(0);
        if (answer.ok()) {
            return PushOutcome.alreadyPresent(push.document(), holder.id(), null, "matched inactive QuickBooks customer "
                    + holder.displayName() + " and made it active again");
        }
        if (answer.unknown() != null) {
            // the reactivation may have been applied: the next attempt finds the customer active, or makes it so
            return PushOutcome.unknown(push.document(), answer.unknown());
        }
        return PushOutcome.failed(push.document(), new SyncError(ErrorCode.CUSTOMER_INVALID, "Customer '" + push.customer().name()
                + "' is inactive in QuickBooks. Make it active in QuickBooks, then retry.",
                answer.fault().words()));
    }

    /** Linked customers get their details updated (sparse, so QBO keeps what we do not send); the link stays either way. */
    private List<PushOutcome> update(ProviderSession session, List<CustomerPush> pushes) {
        Map<String, QboCustomer> current = new HashMap<>();
        List<String> ids = pushes.stream().map(CustomerPush::linkedRemoteId).distinct().toList();
        List<String> statements = new ArrayList<>();
        chunks(ids).forEach(chunk -> statements.add("select * from Customer where Id in " + QuickBooksApi.in(chunk)));
        for (JsonNode answer : batch.queries(session, statements)) {
            QuickBooksApi.entities(answer, "Customer", QboCustomer.class).forEach(customer -> current.put(customer.id(), customer));
        }
        List<CustomerPush> sendable = new ArrayList<>();
        List<PushOutcome> outcomes = new ArrayList<>();
        for (CustomerPush push : pushes) {
            if (current.containsKey(push.linkedRemoteId())) {
                sendable.add(push);
            } else {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.PREREQUISITE_MISSING, "The linked QuickBooks customer "
                        + push.linkedRemoteId() + " no longer exists. " + ErrorCode.PREREQUISITE_MISSING.action(), null)));
            }
        }
        List<QboBatch.Item> items = sendable.stream()
                .map(push -> QboBatch.Item.update("Customer", customer(push.customer(), push.linkedRemoteId(),
                        current.get(push.linkedRemoteId()).syncToken(), null), updateKey(push, current), push.document()))
                .toList();
        List<QboBatch.Answer> answers = items.isEmpty() ? List.of() : batch.run(session, "customer-update", items);
        for (int i = 0; i < sendable.size(); i++) {
            CustomerPush push = sendable.get(i);
            QboBatch.Answer answer = answers.get(i);
            outcomes.add(answer.ok() ? PushOutcome.synced(push.document(), push.linkedRemoteId(), null)
                    : PushOutcome.alreadyPresent(push.document(), push.linkedRemoteId(), null, "customer details not updated: "
                    + (answer.fault() == null ? answer.unknown() : answer.fault().words())));
        }
        return outcomes;
    }

    /** An update's key includes the SyncToken it was based on, so a resend after a change is not answered with the old replay. */
    private static IdempotencyKey updateKey(CustomerPush push, Map<String, QboCustomer> current) {
        return IdempotencyKey.derive(push.key().value(), "sync-token", String.valueOf(current.get(push.linkedRemoteId()).syncToken()));
    }

    /** @param currency the CurrencyRef of a new customer, or null (home currency; never sent on an update) */
    static QboCustomer customer(Customer customer, String id, String syncToken, QboRef currency) {
        Address address = customer.billingAddress();
        QboAddress billing = address == null || address.isEmpty() ? null : new QboAddress(line(address, 0), line(address, 1),
                line(address, 2), line(address, 3), address.city(), address.region(), address.postalCode(), address.country());
        // the host has one name; QBO's GivenName/FamilyName/CompanyName would be guesses, so only DisplayName is sent
        return new QboCustomer(id, syncToken, id == null ? null : true, customer.name(), null, QboEmail.of(customer.email()),
                customer.phone() == null ? null : new QboPhone(customer.phone()), billing, null, currency);
    }

    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            chunks.add(values.subList(from, Math.min(values.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    private static String line(Address address, int index) {
        return address.lines().size() > index ? address.lines().get(index) : null;
    }

    private static String lower(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
