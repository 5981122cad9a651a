package io.fieldsync.accounting.engine.sync;

import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.DocumentRef;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.CustomerPush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.ProviderCapability;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.engine.connections.EngineSession;
import io.fieldsync.accounting.engine.store.CustomerLinks;
import io.fieldsync.accounting.engine.store.Json;
import io.fieldsync.accounting.engine.store.JournalEntry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or creates the remote contacts of the invoices' customers, reusing stored links while the customer is
 * unchanged. Invoices whose customer could not be linked are recorded here. Customers need no attempt record:
 * providers find them (by email, then name) before creating, so a repeat links the one created before.
 */
final class CustomerLinking {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerLinking.class);

    /** An invoice read and checked, with its customer. */
    record Invoiced(JournalEntry entry, Customer customer, Currency currency) {
    }

    private final RoundScope round;
    private final BatchCalls calls;

    CustomerLinking(RoundScope round, BatchCalls calls) {
        this.round = round;
        this.calls = calls;
    }

    /** Host customer id → remote id of the customers linked; empty when a call stopped the lane. */
    Optional<DocumentStage.RemoteCustomers> link(EngineSession session, List<Invoiced> invoices) {
        CompanyId company = round.company();
        String provider = round.providerId();
        Map<String, String> remoteIds = new HashMap<>();
        Map<String, CustomerPush> toPush = new LinkedHashMap<>();
        Map<String, List<JournalEntry>> invoicesOf = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        CustomerLinks links = round.stores().customerLinks();
        for (Invoiced invoice : invoices) {
            round.guarded(invoice.entry(), () -> {
                Customer customer = invoice.customer();
                String hash = Json.hash(round.json().write(customer));
                Optional<CustomerLinks.Link> link = links.find(company, provider, customer.hostId());
                if (link.isPresent() && link.get().customerHash().equals(hash)) {
                    remoteIds.put(customer.hostId(), link.get().remoteId());
                    return Optional.empty();
                }
                // the first invoice's currency: QuickBooks fixes a customer's currency when it creates it
                toPush.computeIfAbsent(customer.hostId(), id -> new CustomerPush(new DocumentRef(company, DocumentKind.CUSTOMER, id),
                        round.keys().customer(company, id, hash), customer, link.map(CustomerLinks.Link::remoteId).orElse(null),
                        invoice.currency()));
                invoicesOf.computeIfAbsent(customer.hostId(), id -> new ArrayList<>()).add(invoice.entry());
                hashes.putIfAbsent(customer.hostId(), hash);
                return Optional.empty();
            });
        }
        if (toPush.isEmpty()) {
            return Optional.of(new DocumentStage.RemoteCustomers(remoteIds));
        }
        if (!round.provider().descriptor().supports(ProviderCapability.CUSTOMERS)) {
            invoicesOf.values().stream().flatMap(List::stream).forEach(entry ->
                    round.recorder().unsupported(entry, provider, SyncError.of(ErrorCode.UNSUPPORTED, "Sending customers")));
            return Optional.of(new DocumentStage.RemoteCustomers(remoteIds));
        }
        List<CustomerPush> all = new ArrayList<>(toPush.values());
        int size = round.provider().descriptor().limits().batchSize(DocumentKind.CUSTOMER);
        for (int from = 0; from < all.size(); from += size) {
            List<CustomerPush> batch = all.subList(from, Math.min(all.size(), from + size));
            List<JournalEntry> waiting = batch.stream().flatMap(push -> invoicesOf.get(push.customer().hostId()).stream()).toList();
            if (calls.stopping(List.of())) {
                return Optional.empty();
            }
            Optional<CallVerdict> made = calls.call(BatchCalls.CUSTOMERS, waiting, () -> round.provider().provider().documents().pushCustomers(session, batch));
            if (made.isEmpty() || calls.stopsTheLane(waiting, made.get())) {
                return Optional.empty();
            }
            CallVerdict verdict = made.get();
            if (verdict instanceof CallVerdict.Answered answered) {
                linked(batch, answered.byDocument(), invoicesOf, hashes, remoteIds);
            } else if (verdict instanceof CallVerdict.Refused refused) {
                waiting.forEach(entry -> round.recorder().failedBeforeSending(entry, provider, refused.error()));
            } else if (verdict instanceof CallVerdict.Broken broken) {
                LOG.warn("Linking customers in {} failed unexpectedly; their invoices are retried", provider, broken.cause());
                round.recorder().retryLater(waiting, provider, SyncError.of(ErrorCode.INTERNAL_ERROR,
                        "Sending to " + round.provider().descriptor().displayName()).withDetail(broken.cause().toString()));
            }
        }
        return Optional.of(new DocumentStage.RemoteCustomers(remoteIds));
    }

    private void linked(List<CustomerPush> batch, Map<DocumentRef, PushOutcome> outcomes, Map<String, List<JournalEntry>> invoicesOf,
                        Map<String, String> hashes, Map<String, String> remoteIds) {
        String provider = round.providerId();
        for (CustomerPush push : batch) {
            String hostId = push.customer().hostId();
            PushOutcome outcome = outcomes.get(push.document());
            List<JournalEntry> affected = invoicesOf.get(hostId);
            if (outcome == null || outcome.status() == OutcomeStatus.UNKNOWN) {
                round.recorder().retryLater(affected, provider, outcome == null
                        ? SyncError.of(ErrorCode.INTERNAL_ERROR, "Linking customer '" + push.customer().name() + "'")
                        : outcome.error());
                continue;
            }
            switch (outcome.status()) {
                case SYNCED, ALREADY_PRESENT -> {
                    round.stores().customerLinks().link(round.company(), provider, hostId, outcome.remoteId(), hashes.get(hostId),
                            push.customer().name(), round.clock().instant());
                    remoteIds.put(hostId, outcome.remoteId());
                }
                case UNSUPPORTED -> affected.forEach(entry -> round.recorder().unsupported(entry, provider, outcome.error()));
                default -> affected.forEach(entry -> round.recorder().failedBeforeSending(entry, provider, outcome.error()));
            }
        }
    }
}
