package io.fieldsync.accounting.sandbox.xero.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One Xero organisation (a tenant) and everything in its ledger. Callers hold the organisation's monitor
 * ({@code synchronized (org)}) around every read-modify-write, so one request's changes are seen whole.
 */
public final class Organisation {

    private final UUID tenantId;
    private final String name;
    private final String shortCode;
    private final String baseCurrency;
    private final String countryCode;
    private final String version;
    private final Instant created;
    private final Map<UUID, Account> accounts = new LinkedHashMap<>();
    private final Map<String, TaxRate> taxRates = new LinkedHashMap<>();
    private final Map<UUID, Item> items = new LinkedHashMap<>();
    private final Map<UUID, Contact> contacts = new LinkedHashMap<>();
    private final Map<UUID, Invoice> invoices = new LinkedHashMap<>();
    private final Map<UUID, CreditNote> creditNotes = new LinkedHashMap<>();
    private final Map<UUID, Payment> payments = new LinkedHashMap<>();
    private int invoiceSequence;
    private int creditNoteSequence;
    private volatile LedgerListener listener = change -> { };

    public Organisation(UUID tenantId, String name, String shortCode, String baseCurrency, String countryCode,
                        String version, Instant created) {
        this.tenantId = tenantId;
        this.name = name;
        this.shortCode = shortCode;
        this.baseCurrency = baseCurrency;
        this.countryCode = countryCode;
        this.version = version;
        this.created = created;
    }

    public UUID tenantId() { return tenantId; }
    public String name() { return name; }
    public String shortCode() { return shortCode; }
    public String baseCurrency() { return baseCurrency; }
    public String countryCode() { return countryCode; }
    public String version() { return version; }
    public Instant created() { return created; }

    public void listener(LedgerListener l) {
        listener = l;
    }

    public void publish(LedgerChange change) {
        listener.changed(change);
    }

    // --- settings ---

    public synchronized void add(Account a) { accounts.put(a.id(), a); }
    public synchronized void add(TaxRate t) { taxRates.put(t.taxType(), t); }
    public synchronized void add(Item i) { items.put(i.id(), i); }

    public synchronized List<Account> accounts() { return List.copyOf(accounts.values()); }
    public synchronized List<TaxRate> taxRates() { return List.copyOf(taxRates.values()); }
    public synchronized List<Item> items() { return List.copyOf(items.values()); }

    public synchronized Optional<Account> account(UUID id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public synchronized Optional<Account> accountByCode(String code) {
        return accounts.values().stream().filter(a -> a.code() != null && a.code().equalsIgnoreCase(code)).findFirst();
    }

    public synchronized Optional<TaxRate> taxRate(String taxType) {
        return taxRates.values().stream().filter(t -> t.taxType().equalsIgnoreCase(taxType)).findFirst();
    }

    public synchronized Optional<Item> itemByCode(String code) {
        return items.values().stream().filter(i -> i.code().equalsIgnoreCase(code)).findFirst();
    }

    // --- contacts ---

    public synchronized void add(Contact c) { contacts.put(c.id(), c); }
    public synchronized List<Contact> contacts() { return List.copyOf(contacts.values()); }

    public synchronized Optional<Contact> contact(UUID id) {
        return Optional.ofNullable(contacts.get(id));
    }

    /** Contact names are unique among active contacts, compared without case. */
    public synchronized Optional<Contact> activeContactNamed(String name) {
        return contacts.values().stream()
                .filter(Contact::active)
                .filter(c -> c.name().equalsIgnoreCase(name.trim()))
                .findFirst();
    }

    public synchronized Optional<Contact> contactByNumber(String number) {
        return contacts.values().stream()
                .filter(c -> number.equalsIgnoreCase(c.contactNumber()))
                .findFirst();
    }

    // --- documents ---

    public synchronized void add(Invoice i) { invoices.put(i.id(), i); }
    public synchronized void add(CreditNote c) { creditNotes.put(c.id(), c); }
    public synchronized void add(Payment p) { payments.put(p.id(), p); }

    public synchronized List<Invoice> invoices() { return new ArrayList<>(invoices.values()); }
    public synchronized List<CreditNote> creditNotes() { return new ArrayList<>(creditNotes.values()); }
    public synchronized List<Payment> payments() { return new ArrayList<>(payments.values()); }

    /**
     * Records a payment received against {@code invoice}, settles the invoice when nothing is left due, and reports
     * an INVOICE update (Xero's webhooks report payments as changes of the invoice). The caller has validated the
     * payment (an AUTHORISED invoice, an account that accepts payments, 0 &lt; amount &le; amount due).
     */
    public synchronized Payment receivePayment(Invoice invoice, Account account, LocalDate date, BigDecimal amount,
                                               String reference, boolean reconciled, Instant now) {
        Payment payment = new Payment(UUID.randomUUID(), invoice, account, date, amount, reference, reconciled, now);
        add(payment);
        invoice.addPayment(payment, now);
        publish(LedgerChange.updated(this, invoice, now));
        return payment;
    }

    public synchronized Optional<Invoice> invoice(UUID id) { return Optional.ofNullable(invoices.get(id)); }
    public synchronized Optional<CreditNote> creditNote(UUID id) { return Optional.ofNullable(creditNotes.get(id)); }
    public synchronized Optional<Payment> payment(UUID id) { return Optional.ofNullable(payments.get(id)); }

    /** An invoice of that type with that number, deleted ones excluded. */
    public synchronized Optional<Invoice> invoiceByNumber(String type, String number) {
        return invoices.values().stream()
                .filter(i -> i.type().equals(type) && number.equalsIgnoreCase(i.number()))
                .filter(i -> i.status() != DocumentStatus.DELETED)
                .findFirst();
    }

    public synchronized Optional<CreditNote> creditNoteByNumber(String type, String number) {
        return creditNotes.values().stream()
                .filter(c -> c.type().equals(type) && number.equalsIgnoreCase(c.number()))
                .filter(c -> c.status() != DocumentStatus.DELETED)
                .findFirst();
    }

    /** The next free number of the org's invoice sequence (INV-0001…), skipping numbers clients chose. */
    public synchronized String nextInvoiceNumber() {
        String n;
        do {
            n = String.format("INV-%04d", ++invoiceSequence);
        } while (invoiceByNumber("ACCREC", n).isPresent());
        return n;
    }

    public synchronized String nextCreditNoteNumber() {
        String n;
        do {
            n = String.format("CN-%04d", ++creditNoteSequence);
        } while (creditNoteByNumber("ACCRECCREDIT", n).isPresent());
        return n;
    }
}
