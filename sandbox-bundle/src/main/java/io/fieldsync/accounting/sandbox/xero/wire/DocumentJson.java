package io.fieldsync.accounting.sandbox.xero.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.xero.ledger.Allocation;
import io.fieldsync.accounting.sandbox.xero.ledger.CreditNote;
import io.fieldsync.accounting.sandbox.xero.ledger.Invoice;
import io.fieldsync.accounting.sandbox.xero.ledger.LineItem;
import io.fieldsync.accounting.sandbox.xero.ledger.Payment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Wire shapes of invoices, credit notes, their lines, payments and allocations, following the spec's examples
 * (reference/specs/examples/xero-invoice-create-response.json and friends). Only fields the spec declares are
 * sent, plus the undeclared ones STACK.md trap 9 names for invoices ({@code DateString}, {@code DueDateString})
 * and lines ({@code ValidationErrors}). Xero also sends {@code ID} and {@code DateString} on credit notes (see the
 * spec's CreditNotes examples); the sandbox leaves those out.
 */
public final class DocumentJson {

    /** How much of an invoice a response shows. */
    public enum View {
        /** Everything, line items included (single GET, paged GET, write responses). */
        FULL,
        /** No line items (GET /Invoices without paging). */
        WITHOUT_LINES,
        /** Lightweight fields only ({@code summaryOnly=true}). */
        SUMMARY
    }

    private DocumentJson() {
    }

    public static ObjectNode invoice(Invoice i, View view, int unitDecimals) {
        ObjectNode n = SandboxJson.object();
        n.put("Type", i.type());
        n.put("InvoiceID", i.id().toString());
        n.put("InvoiceNumber", i.number() == null ? "" : i.number());
        n.put("Reference", i.reference() == null ? "" : i.reference());
        if (view != View.SUMMARY) {
            ArrayNode payments = n.putArray("Payments");
            i.payments().forEach(p -> payments.add(paymentInInvoice(p)));
            ArrayNode credits = n.putArray("CreditNotes");
            i.allocations().forEach(a -> credits.add(creditInInvoice(a)));
            n.putArray("Prepayments");
            n.putArray("Overpayments");
        }
        n.put("AmountDue", i.amountDue());
        n.put("AmountPaid", i.amountPaid());
        n.put("AmountCredited", i.amountCredited());
        n.put("SentToContact", false);
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        n.put("IsDiscounted", i.totals().totalDiscount().signum() != 0);
        n.put("HasAttachments", false);
        n.put("HasErrors", false);
        n.set("Contact", view == View.SUMMARY ? ContactJson.brief(i.contact()) : ContactJson.embedded(i.contact()));
        n.put("DateString", XeroDates.dateString(i.date()));
        n.put("Date", XeroDates.msDate(i.date()));
        if (i.dueDate() != null) {
            n.put("DueDateString", XeroDates.dateString(i.dueDate()));
            n.put("DueDate", XeroDates.msDate(i.dueDate()));
        }
        n.put("Status", i.status().name());
        n.put("LineAmountTypes", i.lineAmountType().name());
        if (view == View.FULL) {
            ArrayNode lines = n.putArray("LineItems");
            i.lines().forEach(l -> lines.add(line(l, unitDecimals)));
        }
        n.put("SubTotal", i.totals().subTotal());
        n.put("TotalTax", i.totals().totalTax());
        n.put("Total", i.totals().total());
        if (i.totals().totalDiscount().signum() != 0) {
            n.put("TotalDiscount", i.totals().totalDiscount());
        }
        n.put("UpdatedDateUTC", XeroDates.msDateTime(i.updated()));
        n.put("UpdatedDateUTCString", XeroDates.isoUtcSeconds(i.updated()));
        n.put("CurrencyCode", i.currencyCode());
        if (i.fullyPaidOn() != null) {
            n.put("FullyPaidOnDate", XeroDates.msDate(i.fullyPaidOn()));
        }
        if (i.url() != null) {
            n.put("Url", i.url());
        }
        return n;
    }

    public static ObjectNode line(LineItem l, int unitDecimals) {
        ObjectNode n = SandboxJson.object();
        if (l.description() != null) {
            n.put("Description", l.description());
        }
        if (l.unitAmount() != null) {
            n.put("UnitAmount", l.unitAmount().setScale(unitDecimals, RoundingMode.HALF_UP));
        }
        if (l.itemCode() != null) {
            n.put("ItemCode", l.itemCode());
        }
        n.put("TaxType", l.taxType() == null ? "NONE" : l.taxType());
        n.put("TaxAmount", l.taxAmount());
        n.put("LineAmount", l.lineAmount());
        if (l.accountCode() != null) {
            n.put("AccountCode", l.accountCode());
        }
        if (l.accountId() != null) {
            n.put("AccountID", l.accountId().toString());
        }
        n.set("Tracking", l.tracking() == null ? SandboxJson.array() : l.tracking().deepCopy());
        if (l.quantity() != null) {
            n.put("Quantity", scaleForDisplay(l.quantity()));
        }
        if (l.discountRate() != null) {
            n.put("DiscountRate", l.discountRate());
        }
        if (l.discountAmount() != null) {
            n.put("DiscountAmount", l.discountAmount());
        }
        n.put("LineItemID", l.id().toString());
        n.putArray("ValidationErrors");
        return n;
    }

    public static ObjectNode creditNote(CreditNote c, int unitDecimals) {
        ObjectNode n = SandboxJson.object();
        n.put("Type", c.type());
        n.put("CreditNoteID", c.id().toString());
        n.put("CreditNoteNumber", c.number() == null ? "" : c.number());
        n.put("Reference", c.reference() == null ? "" : c.reference());
        n.putArray("Payments");
        n.put("RemainingCredit", c.remainingCredit());
        ArrayNode allocations = n.putArray("Allocations");
        c.allocations().forEach(a -> allocations.add(allocationInCreditNote(a)));
        n.put("HasAttachments", false);
        n.put("HasErrors", false);
        n.set("Contact", ContactJson.embedded(c.contact()));
        n.put("Date", XeroDates.msDate(c.date()));
        n.put("Status", c.status().name());
        n.put("LineAmountTypes", c.lineAmountType().name());
        ArrayNode lines = n.putArray("LineItems");
        c.lines().forEach(l -> lines.add(line(l, unitDecimals)));
        n.put("SubTotal", c.totals().subTotal());
        n.put("TotalTax", c.totals().totalTax());
        n.put("Total", c.totals().total());
        n.put("UpdatedDateUTC", XeroDates.msDateTime(c.updated()));
        n.put("UpdatedDateUTCString", XeroDates.isoUtcSeconds(c.updated()));
        n.put("CurrencyCode", c.currencyCode());
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        if (c.fullyPaidOn() != null) {
            n.put("FullyPaidOnDate", XeroDates.msDate(c.fullyPaidOn()));
        }
        n.put("SentToContact", false);
        return n;
    }

    public static ObjectNode payment(Payment p) {
        ObjectNode n = SandboxJson.object();
        n.put("PaymentID", p.id().toString());
        n.put("Date", XeroDates.msDate(p.date()));
        n.put("BankAmount", p.amount());
        n.put("Amount", p.amount());
        if (p.reference() != null) {
            n.put("Reference", p.reference());
        }
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        n.put("PaymentType", p.paymentType());
        n.put("Status", p.status());
        n.put("UpdatedDateUTC", XeroDates.msDateTime(p.updated()));
        n.put("UpdatedDateUTCString", XeroDates.isoUtcSeconds(p.updated()));
        n.put("HasAccount", true);
        n.put("IsReconciled", p.reconciled());
        ObjectNode account = n.putObject("Account");
        account.put("AccountID", p.account().id().toString());
        if (p.account().code() != null) {
            account.put("Code", p.account().code());
        }
        account.put("Name", p.account().name());
        ObjectNode invoice = invoice(p.invoice(), View.FULL, 2);
        invoice.remove("Payments");
        invoice.remove("CreditNotes");
        invoice.set("Contact", ContactJson.brief(p.invoice().contact()));
        n.set("Invoice", invoice);
        n.put("HasValidationErrors", false);
        return n;
    }

    /** A write response's allocation (spec example for PUT /CreditNotes/{id}/Allocations). */
    public static ObjectNode allocation(Allocation a) {
        ObjectNode n = SandboxJson.object();
        n.put("AllocationID", a.id().toString());
        n.put("Amount", a.amount());
        n.put("Date", XeroDates.msDate(a.date()));
        ObjectNode invoice = n.putObject("Invoice");
        invoice.put("InvoiceID", a.invoice().id().toString());
        invoice.put("InvoiceNumber", a.invoice().number());
        invoice.putArray("Payments");
        invoice.putArray("CreditNotes");
        invoice.putArray("Prepayments");
        invoice.putArray("Overpayments");
        invoice.put("HasErrors", false);
        invoice.put("IsDiscounted", false);
        invoice.putArray("LineItems");
        invoice.putArray("ValidationErrors");
        ObjectNode credit = n.putObject("CreditNote");
        credit.put("CreditNoteID", a.creditNote().id().toString());
        credit.put("CreditNoteNumber", a.creditNote().number());
        credit.putArray("LineItems");
        n.putArray("ValidationErrors");
        return n;
    }

    private static ObjectNode paymentInInvoice(Payment p) {
        ObjectNode n = SandboxJson.object();
        n.put("PaymentID", p.id().toString());
        n.put("Date", XeroDates.msDate(p.date()));
        n.put("Amount", p.amount());
        if (p.reference() != null) {
            n.put("Reference", p.reference());
        }
        n.put("CurrencyRate", new BigDecimal("1.000000"));
        n.put("HasAccount", false);
        n.put("HasValidationErrors", false);
        return n;
    }

    private static ObjectNode creditInInvoice(Allocation a) {
        ObjectNode n = SandboxJson.object();
        n.put("CreditNoteID", a.creditNote().id().toString());
        n.put("CreditNoteNumber", a.creditNote().number());
        n.put("AppliedAmount", a.amount());
        n.put("Date", XeroDates.msDate(a.date()));
        n.put("Total", a.creditNote().totals().total());
        n.putArray("LineItems");
        n.put("HasErrors", false);
        return n;
    }

    private static ObjectNode allocationInCreditNote(Allocation a) {
        ObjectNode n = SandboxJson.object();
        n.put("AllocationID", a.id().toString());
        n.put("Amount", a.amount());
        n.put("Date", XeroDates.msDate(a.date()));
        ObjectNode invoice = n.putObject("Invoice");
        invoice.put("InvoiceID", a.invoice().id().toString());
        invoice.put("InvoiceNumber", a.invoice().number());
        return n;
    }

    private static BigDecimal scaleForDisplay(BigDecimal quantity) {
        BigDecimal stripped = quantity.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1, RoundingMode.UNNECESSARY) : stripped;
    }
}
