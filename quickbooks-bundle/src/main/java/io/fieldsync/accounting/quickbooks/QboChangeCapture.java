package io.fieldsync.accounting.quickbooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoices and payments changed since a moment, read with Change Data Capture. A CDC answer holds at most
 * {@value #CDC_MAX_OBJECTS} objects, all entities together, and says nothing of what it left out ("Server responses
 * can handle a maximum of 1,000 objects", Intuit's Change data capture page, api-facts §6); CDC has no end time
 * either, so its window cannot be halved. An answer that reaches the cap is therefore not trusted: the same changes
 * are read with queries on {@code MetaData.LastUpdatedTime}, which QBO filters on and pages (every page, {@link
 * QboPages}). Either way the changes read cover everything up to QBO's time of the CDC answer, the only moment the
 * next poll may start from.
 */
final class QboChangeCapture {

    static final int CDC_MAX_OBJECTS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(QboChangeCapture.class);
    /** QBO's own form in queries: {@code 2026-03-02T01:01:00-08:00}. */
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /**
     * What changed.
     *
     * @param invoices the invoices changed, by id
     * @param payments the payments changed, by id
     * @param readUpTo QBO's time when the changes were read: everything changed before it is in them
     */
    record Changes(Map<String, QboInvoice> invoices, Map<String, QboPayment> payments, Instant readUpTo) {
    }

    private final QuickBooksApi api;
    private final QboPages pages;

    QboChangeCapture(QuickBooksApi api, QboBatch batch) {
        this.api = api;
        this.pages = new QboPages(batch);
    }

    Changes since(ProviderSession session, Instant since, Instant fallbackNow) {
        JsonNode answer = api.get(session, "/cdc", Map.of("entities", "Invoice,Payment",
                "changedSince", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(since.atOffset(ZoneOffset.UTC))));
        Instant readUpTo = serverTime(answer, fallbackNow);
        Map<String, QboInvoice> invoices = new LinkedHashMap<>();
        Map<String, QboPayment> payments = new LinkedHashMap<>();
        int objects = 0;
        for (JsonNode response : answer.path("CDCResponse")) {
            for (JsonNode query : response.path("QueryResponse")) {
                for (JsonNode list : query) {
                    objects += list.isArray() ? list.size() : 0;
                }
                QuickBooksApi.entities(query, "Invoice", QboInvoice.class).forEach(invoice -> invoices.put(invoice.id(), invoice));
                QuickBooksApi.entities(query, "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
            }
        }
        if (objects < CDC_MAX_OBJECTS) {
            return new Changes(invoices, payments, readUpTo);
        }
        LOG.info("QuickBooks' change capture for realm {} since {} reached its cap of {} objects; reading the changes page by page",
                session.tenantId(), since, CDC_MAX_OBJECTS);
        String changedSince = " where MetaData.LastUpdatedTime >= '" + QUERY_TIME.format(since.atOffset(ZoneOffset.UTC)) + "'";
        // deletions are seen in CDC only; those the cap left out show through the invoices whose balance they changed
        pages.all(session, "select * from Invoice" + changedSince, "Invoice", QboInvoice.class).forEach(invoice -> invoices.put(invoice.id(), invoice));
        pages.all(session, "select * from Payment" + changedSince, "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
        return new Changes(invoices, payments, readUpTo);
    }

    private static Instant serverTime(JsonNode answer, Instant fallback) {
        String time = answer.path("time").asText("");
        try {
            return time.isEmpty() ? fallback : OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException unexpected) {
            return fallback;
        }
    }
}
