package io.fieldsync.accounting.xero;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.fieldsync.accounting.api.Address;
import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.CreditNote;
import io.fieldsync.accounting.api.Customer;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.admin.InvoiceStatusOnPush;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.CreditNotePush;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.xero.wire.XeroAddress;
import io.fieldsync.accounting.xero.wire.XeroContact;
import io.fieldsync.accounting.xero.wire.XeroCreditNote;
import io.fieldsync.accounting.xero.wire.XeroInvoice;
import io.fieldsync.accounting.xero.wire.XeroLineItem;
import io.fieldsync.accounting.xero.wire.XeroPhone;

/**
 * Our documents in Xero's words. What each line books to and the company's settings arrive resolved with the push;
 * this class only spells them the way Xero's Invoices and CreditNotes endpoints read them (OpenAPI LineItem: AccountCode,
 * TaxType, ItemCode; Invoice: Status, InvoiceNumber).
 */
final class XeroMapper {

    private final Supplier<Optional<String>> untaxedSales;

    /** @param untaxedSales the organisation's tax type for a sale without tax, asked only when a line has none */
    XeroMapper(Supplier<Optional<String>> untaxedSales) {
        this.untaxedSales = untaxedSales;
    }

    /** A new contact, or an update of {@code contactId}. */
    static XeroContact contact(Customer customer, String contactId) {
        Address address = customer.billingAddress();
        List<XeroAddress> addresses = address == null || address.isEmpty() ? null : List.of(new XeroAddress("POBOX",
                line(address, 0), line(address, 1), line(address, 2), line(address, 3), address.city(), address.region(),
                address.postalCode(), address.country()));
        List<XeroPhone> phones = customer.phone() == null ? null : List.of(new XeroPhone("DEFAULT", customer.phone()));
        return new XeroContact(contactId, null, null, customer.name(), customer.email(), addresses, phones, null, null);
    }

    /** An ACCREC invoice; an update when the push names the remote invoice. */
    XeroInvoice invoice(InvoicePush push) {
        Invoice invoice = push.invoice();
        String status = push.status() == InvoiceStatusOnPush.DRAFT ? "DRAFT" : "AUTHORISED";
        return new XeroInvoice(push.remoteInvoiceId(), "ACCREC", XeroContact.ref(push.remoteCustomerId()), XeroDates.format(invoice.issueDate()),
                XeroDates.format(invoice.dueDate()), push.keepHostNumber() ? invoice.number() : null,
                invoice.reference(), lineAmountTypes(invoice.amountType()), status, invoice.currency().getCurrencyCode(),
                invoice.exchangeRate(), lines(push.lines(), true), null, null, null, null, null, null, null, null, null, null, null);
    }

    /** An ACCRECCREDIT credit note; Xero takes no discounts on credit notes, so lines carry net amounts. */
    XeroCreditNote creditNote(CreditNotePush push, String number, String contactId, String currency) {
        CreditNote creditNote = push.creditNote();
        return new XeroCreditNote(null, "ACCRECCREDIT", XeroContact.ref(contactId), XeroDates.format(creditNote.date()), number,
                creditNote.reason(), lineAmountTypes(creditNote.amountType()), "AUTHORISED", currency, null,
                lines(push.lines(), false), null, null, null, null);
    }

    private List<XeroLineItem> lines(List<BookedLine> lines, boolean discounts) {
        List<XeroLineItem> items = new ArrayList<>();
        for (BookedLine booked : lines) {
            InvoiceLine line = booked.line();
            // the line's own item code wins: a Xero ItemCode is the item the admin sells, the category's item a default
            String item = line.itemCode() != null ? line.itemCode() : booked.item();
            // Xero takes one TaxType per line (MULTIPLE_TAXES_PER_LINE is not declared, so the engine sends one at most);
            // without a type the organisation has, Xero answers in its own words for this document alone
            String taxType = booked.taxRates().isEmpty() ? untaxedSales.get().orElse("NONE") : booked.taxRates().get(0);
            String account = booked.revenueAccount();
            if (discounts || line.discountPercent() == null) {
                items.add(new XeroLineItem(line.description(), line.quantity(), line.unitPrice(), item, account, taxType,
                        discounts ? line.discountPercent() : null, null));
            } else {
                // one line at the discounted amount: same total, accepted on credit notes
                items.add(new XeroLineItem(line.description(), java.math.BigDecimal.ONE, line.lineAmount(), item, account,
                        taxType, null, null));
            }
        }
        return items;
    }

    private static String lineAmountTypes(AmountType type) {
        return switch (type) {
            case TAX_EXCLUSIVE -> "Exclusive";
            case TAX_INCLUSIVE -> "Inclusive";
            case NO_TAX -> "NoTax";
        };
    }

    private static String line(Address address, int index) {
        return address.lines().size() > index ? address.lines().get(index) : null;
    }
}
