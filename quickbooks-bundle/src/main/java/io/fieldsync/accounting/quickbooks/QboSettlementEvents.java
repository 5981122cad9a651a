package io.fieldsync.accounting.quickbooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteEvent;
import io.fieldsync.accounting.api.spi.RemoteEventType;
import io.fieldsync.accounting.api.spi.RemoteResourceType;
import io.fieldsync.accounting.quickbooks.wire.QboCreditMemo;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payment and CreditMemo webhook events turned into the invoices they concern. QBO announces a payment entered there
 * as a Payment event (Intuit's webhooks page: Payment and CreditMemo Create, Update, Delete, Void...); nothing says
 * the invoice it pays is announced too, so these events are read for their invoices:
 * <ul>
 * <li>payments and memos still there are read ({@code Id in (...)}) and their lines' links to invoices followed;</li>
 * <li>a deleted or voided one cannot tell what it was applied to, and an updated one may have left an invoice it
 * paid before: for those the invoices changed since the earliest such event (a minute earlier, for the clocks) are
 * read too, since a payment that comes or goes moves its invoices' Balance and LinkedTxn.</li>
 * </ul>
 * All the queries of a delivery go in one batch call; the engine then reads the invoices' states as for invoice
 * events, and ignores those it did not send.
 */
final class QboSettlementEvents {

    private static final Logger LOG = LoggerFactory.getLogger(QboSettlementEvents.class);
    private static final int IDS_PER_QUERY = 100;
    private static final Duration CLOCKS = Duration.ofMinutes(1);
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final QboBatch batch;
    private final QboPages pages;

    QboSettlementEvents(QboBatch batch) {
        this.batch = batch;
        this.pages = new QboPages(batch);
    }

    List<String> invoices(ProviderSession session, List<RemoteEvent> events) {
        List<String> payments = ids(events, RemoteResourceType.PAYMENT);
        List<String> memos = ids(events, RemoteResourceType.CREDIT_NOTE);
        Instant since = events.stream().filter(event -> event.eventType() != RemoteEventType.CREATE && !Instant.EPOCH.equals(event.occurredAt()))
                .map(RemoteEvent::occurredAt).min(Instant::compareTo).map(at -> at.minus(CLOCKS)).orElse(null);
        boolean undated = events.stream().anyMatch(event -> event.eventType() != RemoteEventType.CREATE && Instant.EPOCH.equals(event.occurredAt()));
        List<String> statements = new ArrayList<>();
        inQueries("Payment", payments).forEach(statements::add);
        inQueries("CreditMemo", memos).forEach(statements::add);
        String changed = since == null ? null : "select * from Invoice where MetaData.LastUpdatedTime >= '"
                + QUERY_TIME.format(since.atOffset(ZoneOffset.UTC)) + "'";
        if (changed != null) {
            statements.add(changed + " orderby Id startposition 1 maxresults " + QuickBooksApi.MAX_RESULTS);
        }
        Set<String> invoices = new LinkedHashSet<>();
        if (statements.isEmpty()) {
            return List.of();
        }
        List<JsonNode> answers = batch.queries(session, statements);
        for (int i = 0; i < answers.size(); i++) {
            JsonNode answer = answers.get(i);
            QuickBooksApi.entities(answer, "Payment", QboPayment.class).forEach(payment -> linked(payment.lines(), invoices));
            QuickBooksApi.entities(answer, "CreditMemo", QboCreditMemo.class)
                    .forEach(memo -> linked(memo.line() == null ? List.of() : memo.line(), invoices));
            if (changed != null && i == answers.size() - 1) {
                List<QboInvoice> page = QuickBooksApi.entities(answer, "Invoice", QboInvoice.class);
                (page.size() < QuickBooksApi.MAX_RESULTS ? page : pages.all(session, changed, "Invoice", QboInvoice.class))
                        .forEach(invoice -> invoices.add(invoice.id()));
            }
        }
        if (undated) {
            LOG.info("A QuickBooks payment or credit event of realm {} came "
                    + "without a readable time; what it changed is left to polling", session.tenantId());
        }
        return List.copyOf(invoices);
    }

    private static void linked(List<QboLine> lines, Set<String> invoices) {
        lines.stream().filter(line -> line.linkedTxn() != null).flatMap(line -> line.linkedTxn().stream())
                .filter(link -> "Invoice".equals(link.txnType()) && link.txnId() != null).forEach(link -> invoices.add(link.txnId()));
    }

    /** The ids of one entity's events whose entity can still be read. */
    private static List<String> ids(List<RemoteEvent> events, RemoteResourceType type) {
        return events.stream().filter(event -> event.resourceType() == type)
                .filter(event -> event.eventType() != RemoteEventType.DELETE).map(RemoteEvent::resourceId).distinct().toList();
    }

    private static List<String> inQueries(String entity, List<String> ids) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            statements.add("select * from " + entity + " where Id in " + QuickBooksApi.in(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))));
        }
        return statements;
    }
}
