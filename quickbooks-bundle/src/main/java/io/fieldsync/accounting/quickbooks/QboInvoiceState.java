package io.fieldsync.accounting.quickbooks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.PaymentState;
import io.fieldsync.accounting.api.RemotePaymentState;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.RemoteInvoiceState;
import io.fieldsync.accounting.quickbooks.wire.QboInvoice;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboLinkedTxn;
import io.fieldsync.accounting.quickbooks.wire.QboPayment;

/**
 * What a QBO invoice's numbers mean. QBO has no invoice status (api-facts §3.2): settled is {@code Balance} 0,
 * and a voided invoice also has {@code Balance} 0, with {@code TotalAmt} 0 and the private note "Voided", so
 * the two are told apart by those. What was paid and what was credited is told apart by the payments linked
 * to the invoice: a payment line linking a credit memo beside the invoice is a credit application.
 */
final class QboInvoiceState {

    private QboInvoiceState() {
    }

    static boolean voided(QboInvoice invoice) {
        return "Deleted".equalsIgnoreCase(invoice.status())
                || zero(invoice.totalAmt()) && invoice.privateNote() != null && invoice.privateNote().strip().startsWith("Voided");
    }

    /** Why this invoice may not be changed any more, if it may not. */
    static Optional<SyncError> unchangeable(QboInvoice invoice, String name) {
        if (voided(invoice)) {
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + name + " is voided or deleted in QuickBooks; the "
                    + "change was not sent. Create a new invoice in the host if it is still owed.", null));
        }
        boolean paymentsApplied = invoice.links().stream().anyMatch(link -> "Payment".equals(link.txnType()));
        if (paymentsApplied || !zero(invoice.totalAmt()) && zero(invoice.balance())) {
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, "Invoice " + name + " already has payments or credits applied "
                    + "in QuickBooks; changing its lines there would unbalance them, so the change was not sent. Issue a credit note instead.",
                    "Balance " + invoice.balance() + " of " + invoice.totalAmt()));
        }
        return Optional.empty();
    }

    /** The ids of the payments linked to an invoice. */
    static List<String> paymentIds(QboInvoice invoice) {
        return invoice.links().stream().filter(link -> "Payment".equals(link.txnType())).map(QboLinkedTxn::txnId).toList();
    }

    /**
     * The payment state of {@code invoice}.
     *
     * @param payments the payments linked to it, by id (those not read are counted as payments, not credits)
     */
    static RemoteInvoiceState of(QboInvoice invoice, Map<String, QboPayment> payments, Instant observedAt) {
        BigDecimal total = amount(invoice.totalAmt());
        BigDecimal due = amount(invoice.balance());
        if (voided(invoice)) {
            return new RemoteInvoiceState(invoice.id(), invoice.docNumber(), new RemotePaymentState(PaymentState.VOIDED,
                    BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), null, observedAt));
        }
        BigDecimal settled = total.subtract(due).max(BigDecimal.ZERO);
        BigDecimal credited = BigDecimal.ZERO;
        LocalDate lastPayment = null;
        for (String id : paymentIds(invoice)) {
            QboPayment payment = payments.get(id);
            if (payment == null) {
                continue;
            }
            boolean creditApplication = payment.lines().stream().anyMatch(line -> links(line, "CreditMemo"));
            BigDecimal toThisInvoice = payment.lines().stream()
                    .filter(line -> line.linkedTxn() != null && line.linkedTxn().stream()
                            .anyMatch(link -> "Invoice".equals(link.txnType()) && invoice.id().equals(link.txnId())))
                    .map(QboLine::amount).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (creditApplication && zero(payment.totalAmt())) {
                credited = credited.add(toThisInvoice);
            } else if (payment.txnDate() != null) {
                LocalDate date = LocalDate.parse(payment.txnDate());
                lastPayment = lastPayment == null || date.isAfter(lastPayment) ? date : lastPayment;
            }
        }
        credited = credited.min(settled);
        BigDecimal paid = settled.subtract(credited);
        PaymentState state = due.signum() == 0 && total.signum() > 0 ? PaymentState.PAID
                : settled.signum() > 0 ? PaymentState.PARTIALLY_PAID : PaymentState.UNPAID;
        return new RemoteInvoiceState(invoice.id(), invoice.docNumber(), new RemotePaymentState(state, scale(paid), scale(credited),
                scale(due), lastPayment, observedAt));
    }

    private static boolean links(QboLine line, String type) {
        return line.linkedTxn() != null && line.linkedTxn().stream().anyMatch(link -> type.equals(link.txnType()));
    }

    private static BigDecimal amount(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static BigDecimal scale(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean zero(BigDecimal value) {
        return value == null || value.signum() == 0;
    }
}
