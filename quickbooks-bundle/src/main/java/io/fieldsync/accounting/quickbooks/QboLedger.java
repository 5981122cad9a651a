package io.fieldsync.accounting.quickbooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ContactPage;
import io.fieldsync.accounting.api.spi.ProviderLedger;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.api.spi.RemoteContact;
import io.fieldsync.accounting.api.spi.RemoteChanges;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.quickbooks.wire.QboAccount;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the company holds that the engine reads: reference data, invoices' payment states, and changes (CDC). */
final class QboLedger implements ProviderLedger {

    private static final Logger LOG = LoggerFactory.getLogger(QboLedger.class);
    /** Ids per {@code in (...)}: 30 such queries fit one batch call, 3,000 invoices. */
    private static final int IDS_PER_QUERY = 100;
    /** CDC looks back at most 30 days (api-facts §6); a minute is kept in hand for the clocks' difference. */
    static final Duration CDC_LOOK_BACK = Duration.ofDays(30).minusMinutes(1);
    private static final Duration POLL_OVERLAP = Duration.ofMinutes(1);

    private final QboChangeCapture changes;
    private final QboBatch batch;
    private final QboLists lists;
    private final QboCustomers customers;
    private final Clock clock;

    QboLedger(QuickBooksApi api, QboBatch batch, QboLists lists, QboCustomers customers, Clock clock) {
        this.changes = new QboChangeCapture(api, batch);
        this.batch = batch;
        this.lists = lists;
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public ContactPage contacts(ProviderSession session, int page) {
        return customers.page(session, page);
    }

    @Override
    public List<RemoteContact> contactsById(ProviderSession session, List<String> remoteIds) {
        return customers.byId(session, remoteIds);
    }

    /**
     * Company name, accounts, tax codes with their rates, items and preferences: one batch call of six queries. The tax rates
     * follow the company's tax model, which its CompanyInfo (read in the same call) tells.
     */
    @Override
    public ReferenceData referenceData(ProviderSession session) {
        QboLists.Lists read = lists.fresh(session);
        return new ReferenceData(read.companyName(),
                read.accounts().stream().map(QboLedger::account).toList(),
                read.usSalesTax() ? QboUsSalesTax.taxRates(read) : globalTaxRates(read),
                read.items().stream().map(item -> new RemoteItem(item.id(), item.sku(), item.name(), !Boolean.FALSE.equals(item.active()))).toList(),
                read.readAt());
    }

    @Override
    public RemoteInvoiceState invoiceState(ProviderSession session, String invoiceId) {
        List<RemoteInvoiceState> found = invoiceStates(session, List.of(invoiceId));
        if (found.isEmpty()) {
            throw new AccountingException(SyncError.of(ErrorCode.PREREQUISITE_MISSING, "Invoice " + invoiceId + " is not in QuickBooks"));
        }
        return found.get(0);
    }

    /**
     * Many invoices in one batch call ({@code Id in (...)} queries), and the payments linked to them in one more
     * when any are: a payment of zero that links a credit memo is a credit, not a payment, and the latest real
     * payment gives the payment date. Invoices without payments cost no second call.
     */
    @Override
    public List<RemoteInvoiceState> invoiceStates(ProviderSession session, List<String> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        List<QboInvoice> invoices = new ArrayList<>();
        for (JsonNode answer : batch.queries(session, inQueries("Invoice", invoiceIds.stream().distinct().toList()))) {
            invoices.addAll(QuickBooksApi.entities(answer, "Invoice", QboInvoice.class));
        }
        return states(session, invoices, Map.of());
    }

    /** Invoices changed since {@code since} ({@link QboChangeCapture}), with the invoices of changed payments. */
    @Override
    public RemoteChanges changesSince(ProviderSession session, Instant since) {
        Instant now = clock.instant();
        Instant earliest = now.minus(CDC_LOOK_BACK);
        if (since.isBefore(earliest)) {
            // QBO refuses a longer look-back; older changes are only found by reading the invoices themselves
            LOG.warn("Change polling for realm {} asked for changes since {}; QuickBooks looks back 30 days at most, so changes "
                    + "since {} are read", session.tenantId(), since, earliest);
            since = earliest;
        }
        QboChangeCapture.Changes read = changes.since(session, since, now);
        Map<String, QboInvoice> invoices = read.invoices();
        Map<String, QboPayment> payments = read.payments();
        Set<String> paidInvoices = new LinkedHashSet<>();
        payments.values().forEach(payment -> payment.lines().forEach(line -> {
            if (line.linkedTxn() != null) {
                line.linkedTxn().stream().filter(link -> "Invoice".equals(link.txnType()) && !invoices.containsKey(link.txnId()))
                        .forEach(link -> paidInvoices.add(link.txnId()));
            }
        }));
        List<RemoteInvoiceState> changed = new ArrayList<>(states(session, new ArrayList<>(invoices.values()), payments));
        if (!paidInvoices.isEmpty()) {
            changed.addAll(invoiceStates(session, new ArrayList<>(paidInvoices)));
        }
        // the next poll starts from QBO's clock, a minute early: a repeat costs nothing, a gap loses a payment
        return new RemoteChanges(changed, read.readUpTo().minus(POLL_OVERLAP));
    }

    private List<RemoteInvoiceState> states(ProviderSession session, List<QboInvoice> invoices, Map<String, QboPayment> known) {
        Instant observedAt = clock.instant();
        Map<String, QboPayment> payments = new HashMap<>(known);
        List<String> missing = invoices.stream().flatMap(invoice -> QboInvoiceState.paymentIds(invoice).stream())
                .filter(id -> !payments.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            for (JsonNode answer : batch.queries(session, inQueries("Payment", missing))) {
                QuickBooksApi.entities(answer, "Payment", QboPayment.class).forEach(payment -> payments.put(payment.id(), payment));
            }
        }
        return invoices.stream().map(invoice -> QboInvoiceState.of(invoice, payments, observedAt)).toList();
    }

    private static List<String> inQueries(String entity, List<String> ids) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            statements.add("select * from " + entity + " where Id in " + QuickBooksApi.in(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))
                    + " maxresults " + QuickBooksApi.MAX_RESULTS);
        }
        return statements;
    }

    /** Global tax model: every tax code is a rate; those without sales rates are for purchases only. */
    private static List<RemoteTaxRate> globalTaxRates(QboLists.Lists read) {
        return read.taxCodes().stream().map(code -> new RemoteTaxRate(code.id(), code.name(), read.salesRate(code),
                !Boolean.FALSE.equals(code.active()), code.salesTaxRateList() != null
                && code.salesTaxRateList().taxRateDetail() != null && !code.salesTaxRateList().taxRateDetail().isEmpty())).toList();
    }

    private static RemoteAccount account(QboAccount account) {
        String type = account.accountType() == null ? "" : account.accountType();
        boolean undeposited = "UndepositedFunds".equals(account.accountSubType());
        AccountType kind = undeposited ? AccountType.UNDEPOSITED_FUNDS : switch (type) {
            case "Income", "Other Income" -> AccountType.REVENUE;
            case "Bank" -> AccountType.BANK;
            case "Accounts Receivable", "Other Current Asset", "Fixed Asset", "Other Asset" -> AccountType.ASSET;
            case "Other Current Liability", "Long Term Liability", "Credit Card", "Accounts Payable" -> AccountType.LIABILITY;
            case "Expense", "Other Expense", "Cost of Goods Sold" -> AccountType.EXPENSE;
            case "Equity" -> AccountType.EQUITY;
            default -> AccountType.OTHER;
        };
        // QBO deposits payments into Bank accounts or Undeposited Funds only
        return new RemoteAccount(account.id(), account.acctNum(), account.name(), kind, !Boolean.FALSE.equals(account.active()),
                undeposited || "Bank".equals(type));
    }
}
