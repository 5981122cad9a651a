package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;
import io.fieldsync.accounting.quickbooks.wire.QboCustomer;
import io.fieldsync.accounting.quickbooks.wire.QboEmail;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * Invoices: new ones created 30 to a batch call, changed ones updated with their current SyncToken as a sparse update
 * carrying only what the host owns (the lines are replaced whole), so that what someone set on the invoice in
 * QuickBooks (terms, class, location, custom fields, ship-to) survives: a full update clears every field it leaves
 * out (api-facts §3.2). An invoice whose earlier outcome is unknown is looked for first (by number when host numbers are
 * kept, else by customer, date and the mark in its private note), so it is never created twice; a duplicate
 * number (6140) is linked only when the holder is provably the same document.
 */
final class QboInvoices {

    private static final Logger LOG = LoggerFactory.getLogger(QboInvoices.class);
    /** Values per {@code in (...)} condition, as for customers. */
    private static final int CUSTOMERS_PER_QUERY = 50;

    /** DocNumber holds at most 21 characters in QBO (Finance.xsd, Transaction.DocNumber). */
    static final int MAX_DOC_NUMBER = 21;

    private final QboBatch batch;
    private final QboSalesLines salesLines;

    QboInvoices(QboBatch batch, QboSalesLines salesLines) {
        this.batch = batch;
        this.salesLines = salesLines;
    }

    List<PushOutcome> push(ProviderSession session, List<InvoicePush> pushes) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<InvoicePush> sendable = new ArrayList<>();
        for (InvoicePush push : pushes) {
            String number = push.invoice().number();
            if (push.keepHostNumber() && number != null && number.length() > MAX_DOC_NUMBER) {
                outcomes.add(PushOutcome.failed(push.document(), new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice number " + number
                        + " is longer than the " + MAX_DOC_NUMBER + " characters QuickBooks Online allows. Shorten the number, or let QuickBooks "
                        + "number invoices (Settings → Accounting → keep host numbers off), then retry.", null)));
            } else {
                sendable.add(push);
            }
        }
        if (sendable.isEmpty()) {
            return outcomes;
        }
        QboSalesLines.Prepared prepared = salesLines.prepare(session, sendable.stream().map(InvoicePush::lines).toList());
        Map<InvoicePush, QboInvoice> bodies = new LinkedHashMap<>();
        Map<String, QboCustomer> customers = QboCurrencies.customersMatter(prepared.lists()) ? customersOf(session, sendable) : Map.of();
        for (InvoicePush push : sendable) {
            Optional<SyncError> currency = QboCurrencies.refusal(prepared.lists(), push.invoice().currency(),
                    customers.get(push.remoteCustomerId()), "Invoice " + name(push.invoice()));
            if (currency.isPresent()) {
                outcomes.add(PushOutcome.failed(push.document(), currency.get()));
                continue;
            }
            try {
                bodies.put(push, body(push, prepared.form(push.lines(), push.invoice().amountType(),
                        "invoice " + name(push.invoice()))));
            } catch (DocumentRefused refused) {
                outcomes.add(PushOutcome.failed(push.document(), refused.error()));
            } catch (DocumentWaits waits) {
                outcomes.add(waits.outcome(push.document()));
            }
        }
        Remote remote = Remote.read(session, batch, bodies.keySet());
        List<InvoicePush> creates = new ArrayList<>();
        Map<InvoicePush, String> updates = new LinkedHashMap<>();
        for (InvoicePush push : bodies.keySet()) {
            if (push.remoteInvoiceId() != null) {
                updates.put(push, push.remoteInvoiceId());
                continue;
            }
            Optional<QboInvoice> found = push.reconcileFirst() ? remote.sameAs(push, push.keepHostNumber()) : Optional.empty();
            if (found.isPresent() && Remote.matches(found.get(), bodies.get(push), push)) {
                outcomes.add(PushOutcome.alreadyPresent(push.document(), found.get().id(), found.get().docNumber(),
                        "found in QuickBooks after an earlier attempt; not sent again"));
            } else if (found.isPresent()) {
                // an earlier attempt created it, and the host changed the invoice since: that one is brought up to date
                updates.put(push, found.get().id());
            } else {
                creates.add(push);
            }
        }
        outcomes.addAll(create(session, creates, bodies));
        outcomes.addAll(update(session, updates, bodies, remote.byId, true));
        return outcomes;
    }

    private List<PushOutcome> create(ProviderSession session, List<InvoicePush> pushes, Map<InvoicePush, QboInvoice> bodies) {
        if (pushes.isEmpty()) {
            return List.of();
        }
        List<QboBatch.Answer> answers = batch.run(session, "invoice", pushes.stream()
                .map(push -> QboBatch.Item.create("Invoice", bodies.get(push), push.key(), push.document())).toList());
        List<PushOutcome> outcomes = new ArrayList<>();
        List<InvoicePush> duplicates = new ArrayList<>();
        for (int i = 0; i < pushes.size(); i++) {
            InvoicePush push = pushes.get(i);
            QboBatch.Answer answer = answers.get(i);
            if (answer.fault() != null && answer.fault().has(QboFaults.DUPLICATE_DOC_NUM)) {
                duplicates.add(push);
            } else {
                outcomes.add(outcome(session, push, answer, bodies.get(push)));
            }
        }
        if (!duplicates.isEmpty()) {
            Remote holders = Remote.byNumbers(session, batch, duplicates);
            for (InvoicePush push : duplicates) {
                Optional<QboInvoice> same = holders.sameAs(push, true);
                outcomes.add(same.map(found -> PushOutcome.alreadyPresent(push.document(), found.id(), found.docNumber(),
                                "the same invoice was already in QuickBooks; linked, not duplicated"))
                        .orElseGet(() -> PushOutcome.failed(push.document(), SyncError.of(ErrorCode.DUPLICATE_DOCUMENT,
                                "Invoice number " + push.invoice().number()).withDetail("QuickBooks error 6140 Duplicate Document Number"))));
            }
        }
        return outcomes;
    }

    /** Sparse updates with the SyncToken read just before; a stale one (5010, someone edited meanwhile) is read again and retried once. */
    private List<PushOutcome> update(ProviderSession session, Map<InvoicePush, String> targets, Map<InvoicePush, QboInvoice> bodies,
                                     Map<String, QboInvoice> current, boolean retryStale) {
        List<PushOutcome> outcomes = new ArrayList<>();
        List<InvoicePush> sendable = new ArrayList<>();
        for (InvoicePush push : targets.keySet()) {
            QboInvoice remote = current.get(targets.get(push));
            Optional<SyncError> unchangeable = remote == null ? Optional.of(new SyncError(ErrorCode.PREREQUISITE_MISSING, "Invoice "
                    + name(push.invoice()) + " is no longer in QuickBooks (deleted there); the change was not sent.", targets.get(push)))
                    : QboInvoiceState.unchangeable(remote, name(push.invoice()));
            if (unchangeable.isPresent()) {
                outcomes.add(PushOutcome.failed(push.document(), unchangeable.get()));
            } else {
                sendable.add(push);
            }
        }
        if (sendable.isEmpty()) {
            return outcomes;
        }
        List<QboBatch.Item> items = sendable.stream().map(push -> {
            QboInvoice remote = current.get(targets.get(push));
            QboInvoice body = withIdentity(bodies.get(push), remote.id(), remote.syncToken());
            // the SyncToken is part of the key: a retry after 5010 must not be answered with the stored 5010
            return QboBatch.Item.update("Invoice", body, IdempotencyKey.derive(push.key().value(), "sync-token", remote.syncToken()),
                    push.document());
        }).toList();
        List<QboBatch.Answer> answers = batch.run(session, "invoice-update", items);
        Map<InvoicePush, String> stale = new LinkedHashMap<>();
        for (int i = 0; i < sendable.size(); i++) {
            QboBatch.Answer answer = answers.get(i);
            if (retryStale && answer.fault() != null && answer.fault().has(QboFaults.STALE_OBJECT)) {
                stale.put(sendable.get(i), targets.get(sendable.get(i)));
            } else {
                outcomes.add(outcome(session, sendable.get(i), answer, bodies.get(sendable.get(i))));
            }
        }
        if (!stale.isEmpty()) {
            outcomes.addAll(update(session, stale, bodies, Remote.byIds(session, batch, stale.values()).byId, false));
        }
        return outcomes;
    }

    private PushOutcome outcome(ProviderSession session, InvoicePush push, QboBatch.Answer answer, QboInvoice sent) {
        if (answer.ok()) {
            QboInvoice written = QuickBooksApi.read(answer.node(), QboInvoice.class);
            String changedTax = QboAutomatedSalesTax.changedTax(sent.txnTaxDetail(), written.txnTaxDetail(), "invoice " + name(push.invoice()));
            if (changedTax != null) {
                LOG.warn("QuickBooks realm {}: {}", session.tenantId(), changedTax);
            }
            return new PushOutcome(push.document(), OutcomeStatus.SYNCED, written.id(), written.docNumber(), null, changedTax);
        }
        if (answer.unknown() != null) {
            return unknown(push, answer);
        }
        SyncError error = QboFaults.forDocument(answer.fault(), "invoice " + name(push.invoice()));
        if (error.code() == ErrorCode.MAPPING_MISSING || error.code() == ErrorCode.TAX_MAPPING_MISSING) {
            salesLines.forget(session);
        }
        return PushOutcome.failed(push.document(), error);
    }

    static PushOutcome unknown(InvoicePush push, QboBatch.Answer answer) {
        return answer.sent() ? PushOutcome.unknown(push.document(), answer.unknown())
                : notSent(push.document(), answer.unknown());
    }

    /** Not sent because a limit stopped the batch part-way: reconciled before sending like an unknown outcome, so never doubled. */
    static PushOutcome notSent(io.fieldsync.accounting.api.DocumentRef document, String why) {
        return new PushOutcome(document, io.fieldsync.accounting.api.spi.OutcomeStatus.UNKNOWN, null, null,
                new SyncError(ErrorCode.PROVIDER_UNAVAILABLE, "Not sent yet: QuickBooks stopped the batch before this document; it is "
                        + "checked and sent with the next attempt.", why), null);
    }

    /** The customers of these invoices, by id, for their currency: one batch call of queries. */
    private Map<String, QboCustomer> customersOf(ProviderSession session, List<InvoicePush> pushes) {
        List<String> ids = pushes.stream().map(InvoicePush::remoteCustomerId).distinct().toList();
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += CUSTOMERS_PER_QUERY) {
            statements.add("select * from Customer where Id in " + QuickBooksApi.in(ids.subList(from, Math.min(ids.size(), from + CUSTOMERS_PER_QUERY))));
        }
        Map<String, QboCustomer> byId = new HashMap<>();
        for (JsonNode answer : batch.queries(session, statements)) {
            QuickBooksApi.entities(answer, "Customer", QboCustomer.class).forEach(customer -> byId.put(customer.id(), customer));
        }
        return byId;
    }

    private static QboInvoice body(InvoicePush push, QboSalesForm form) {
        Invoice invoice = push.invoice();
        return new QboInvoice(null, null, null, push.keepHostNumber() ? invoice.number() : null, invoice.issueDate().toString(),
                invoice.dueDate().toString(), QboRef.of(push.remoteCustomerId()), form.lines(), form.globalTaxCalculation(),
                QboRef.of(invoice.currency().getCurrencyCode()), invoice.exchangeRate(), QboEmail.of(invoice.customer().email()),
                QboMarker.note(push.document(), null), invoice.reference() == null ? null : QboRef.of(invoice.reference()),
                form.txnTaxDetail(), null, null, null, null, null);
    }

    private static QboInvoice withIdentity(QboInvoice body, String id, String syncToken) {
        return new QboInvoice(id, syncToken, true, body.docNumber(), body.txnDate(), body.dueDate(), body.customerRef(), body.line(),
                body.globalTaxCalculation(), body.currencyRef(), body.exchangeRate(), body.billEmail(), body.privateNote(),
                body.customerMemo(), body.txnTaxDetail(), null, null, null, null, null);
    }

    private static String name(Invoice invoice) {
        return invoice.number() != null ? invoice.number() : invoice.hostId();
    }

    /** The invoices QBO holds that a push may concern, read in one batch call of queries. */
    private record Remote(Map<String, QboInvoice> byId, List<QboInvoice> candidates) {

        /**
         * The invoices being changed, and the candidates of those an earlier attempt may have created: by number when
         * host numbers are kept, else every invoice of their customers (all pages). Not by date: the host may have
         * changed the date since, and QBO cannot filter on the private note that carries our mark.
         */
        static Remote read(ProviderSession session, QboBatch batch, Collection<InvoicePush> pushes) {
            List<String> ids = pushes.stream().map(InvoicePush::remoteInvoiceId).filter(id -> id != null).distinct().toList();
            List<InvoicePush> lost = pushes.stream().filter(push -> push.remoteInvoiceId() == null && push.reconcileFirst()).toList();
            List<String> numbers = lost.stream().filter(push -> push.keepHostNumber() && push.invoice().number() != null)
                    .map(push -> push.invoice().number()).distinct().toList();
            List<String> customers = lost.stream().filter(push -> !push.keepHostNumber() || push.invoice().number() == null)
                    .map(InvoicePush::remoteCustomerId).distinct().toList();
            List<String> statements = new ArrayList<>();
            if (!ids.isEmpty()) {
                statements.add("select * from Invoice where Id in " + QuickBooksApi.in(ids));
            }
            if (!numbers.isEmpty()) {
                statements.add("select * from Invoice where DocNumber in " + QuickBooksApi.in(numbers));
            }
            if (!customers.isEmpty()) {
                statements.add("select * from Invoice where CustomerRef in " + QuickBooksApi.in(customers));
            }
            return of(statements.isEmpty() ? List.of() : batch.queryAll(session, statements));
        }

        static Remote byIds(ProviderSession session, QboBatch batch, Collection<String> ids) {
            return of(batch.queryAll(session, List.of("select * from Invoice where Id in " + QuickBooksApi.in(List.copyOf(ids)))));
        }

        /** Whether the invoice QBO holds is already what {@code body} would make it (an earlier attempt of the same revision). */
        static boolean matches(QboInvoice remote, QboInvoice body, InvoicePush push) {
            return push.invoice().issueDate().toString().equals(remote.txnDate())
                    && push.invoice().dueDate().toString().equals(remote.dueDate())
                    && (body.docNumber() == null || body.docNumber().equals(remote.docNumber()))
                    && salesTotal(remote).compareTo(push.invoice().linesTotal()) == 0
                    && salesLines(remote) == body.line().size();
        }

        private static long salesLines(QboInvoice remote) {
            return remote.line() == null ? 0 : remote.line().stream().filter(line -> "SalesItemLineDetail".equals(line.detailType())).count();
        }

        static Remote byNumbers(ProviderSession session, QboBatch batch, List<InvoicePush> pushes) {
            List<String> numbers = pushes.stream().map(push -> push.invoice().number()).distinct().toList();
            return of(batch.queryAll(session, List.of("select * from Invoice where DocNumber in " + QuickBooksApi.in(numbers))));
        }

        private static Remote of(List<JsonNode> answers) {
            Map<String, QboInvoice> byId = new HashMap<>();
            List<QboInvoice> all = new ArrayList<>();
            for (JsonNode answer : answers) {
                for (QboInvoice invoice : QuickBooksApi.entities(answer, "Invoice", QboInvoice.class)) {
                    byId.put(invoice.id(), invoice);
                    all.add(invoice);
                }
            }
            return new Remote(byId, all);
        }

        /**
         * The remote invoice that provably is this push's document: the same customer and either our mark in its
         * private note, or (by number) the same date and the same amount before tax.
         */
        Optional<QboInvoice> sameAs(InvoicePush push, boolean byNumber) {
            return candidates.stream()
                    .filter(remote -> !QboInvoiceState.voided(remote))
                    .filter(remote -> push.remoteCustomerId().equals(remote.customerId()))
                    .filter(remote -> !byNumber || push.invoice().number() != null && push.invoice().number().equals(remote.docNumber()))
                    .filter(remote -> QboMarker.marks(remote.privateNote(), push.document())
                            || byNumber && push.invoice().issueDate().toString().equals(remote.txnDate())
                            && salesTotal(remote).compareTo(push.invoice().linesTotal()) == 0)
                    .findFirst();
        }

        private static BigDecimal salesTotal(QboInvoice remote) {
            return remote.line() == null ? BigDecimal.ZERO : remote.line().stream()
                    .filter(line -> "SalesItemLineDetail".equals(line.detailType()) && line.amount() != null)
                    .map(QboLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
