package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.fieldsync.accounting.api.DocumentKind;
import io.fieldsync.accounting.api.SyncStatus;
import io.fieldsync.accounting.bench.chaos.ExpectedLedger.ExpectedCreditNote;
import io.fieldsync.accounting.bench.chaos.ExpectedLedger.ExpectedInvoice;
import io.fieldsync.accounting.bench.chaos.ExpectedLedger.ExpectedPayment;
import io.fieldsync.accounting.bench.chaos.Verdict.KindCount;

/**
 * Compares what the host asked for (the final revision of every document) with what the accounting system holds.
 * Every host document must have exactly one live remote document with its values. Remote documents are told apart the
 * way the providers make them findable: invoices by number (both systems); in Xero payments by their reference (every
 * host payment carries its own receipt number) and credit notes by number; in QuickBooks payments and credit memos by
 * the marker {@code [fieldsync:KIND:host id]} the provider writes into their private note.
 */
final class LedgerCheck {

    private static final String INVOICE_PREFIX = "CH-";
    private static final String XERO_PAYMENT_PREFIX = "RCPT ";
    private static final String XERO_CREDIT_PREFIX = "CN-CH-";

    private final ChaosProvider provider;
    private final ExpectedLedger expected;
    private final RemoteLedger ledger;
    private final JournalView journal;
    private final Map<String, Integer> acknowledged;
    private final List<String> discrepancies = new ArrayList<>();
    private final Map<DocumentKind, KindCount> counts = new EnumMap<>(DocumentKind.class);
    private final Set<String> clean = new HashSet<>();
    private final Set<Object> accounted = new HashSet<>();
    private final Map<String, Integer> causes = new TreeMap<>();
    private int failedAsMeant;
    private int meantToFail;
    private int unexpectedMeantToFail;

    private LedgerCheck(ChaosProvider provider, ExpectedLedger expected, RemoteLedger ledger, JournalView journal,
                        Map<String, Integer> acknowledged) {
        this.provider = provider;
        this.expected = expected;
        this.ledger = ledger;
        this.journal = journal;
        this.acknowledged = acknowledged;
    }

    /**
     * @param acknowledged revisions the host had acknowledged per document ({@link JournalView#key}); a document the
     *                     host never made (the run ended first) is still missing, but is not the journal's loss
     */
    static Verdict check(ChaosProvider provider, ExpectedLedger expected, RemoteLedger ledger, JournalView journal,
                         Map<String, Integer> acknowledged) {
        return new LedgerCheck(provider, expected, ledger, journal, acknowledged).run();
    }

    private Verdict run() {
        payments();
        creditNotes();
        invoices();
        int unexpected = unexpected();
        return new Verdict(counts, discrepancies, causes, unexpected, dead(), meantToFail, failedAsMeant, lostByJournal());
    }

    private void payments() {
        Tally tally = new Tally(DocumentKind.PAYMENT);
        for (ExpectedPayment payment : expected.payments().values()) {
            List<RemoteLedger.Payment> matches = live(ledger.payments(), p -> isPaymentOf(p, payment), RemoteLedger.Payment::live);
            String who = "PAYMENT " + payment.hostId() + " (invoice " + payment.invoiceNumber() + ")";
            if (!tally.count(matches.size(), who, payment.hostId(),
                    matches.stream().map(p -> p.amount() + " on " + p.date() + " [" + p.id() + "]").toList())) {
                continue;
            }
            RemoteLedger.Payment first = matches.get(0);
            List<String> wrong = new ArrayList<>();
            differs(wrong, "amount", payment.amount(), first.amount());
            if (!Objects.equals(payment.date(), first.date())) {
                wrong.add("date " + first.date() + ", host " + payment.date());
            }
            if (!Objects.equals(payment.invoiceNumber(), first.invoiceNumber())) {
                wrong.add("applied to invoice " + first.invoiceNumber() + ", host " + payment.invoiceNumber());
            }
            if (tally.wrong(wrong, who + " [" + first.id() + "]", payment.hostId()) && matches.size() == 1) {
                clean.add("PAYMENT:" + payment.hostId());
            }
        }
        counts.put(DocumentKind.PAYMENT, tally.total(expected.payments().size()));
    }

    private void creditNotes() {
        Tally tally = new Tally(DocumentKind.CREDIT_NOTE);
        for (ExpectedCreditNote note : expected.creditNotes().values()) {
            List<RemoteLedger.CreditNote> matches = live(ledger.creditNotes(), n -> isCreditNoteOf(n, note), RemoteLedger.CreditNote::live);
            String who = "CREDIT_NOTE " + note.hostId() + " (cancels " + note.invoiceNumber() + ")";
            if (!tally.count(matches.size(), who, note.hostId(),
                    matches.stream().map(n -> n.total() + " allocated " + n.allocatedTo(note.invoiceNumber()) + " [" + n.id() + "]").toList())) {
                continue;
            }
            RemoteLedger.CreditNote first = matches.get(0);
            List<String> wrong = new ArrayList<>();
            differs(wrong, "total", note.total(), first.total());
            differs(wrong, "allocated to " + note.invoiceNumber(), note.total(), first.allocatedTo(note.invoiceNumber()));
            if (tally.wrong(wrong, who + " [" + first.id() + "]", note.hostId()) && matches.size() == 1) {
                clean.add("CREDIT_NOTE:" + note.invoiceHostId());
            }
        }
        counts.put(DocumentKind.CREDIT_NOTE, tally.total(expected.creditNotes().size()));
    }

    private void invoices() {
        Tally tally = new Tally(DocumentKind.INVOICE);
        int meant = 0;
        for (ExpectedInvoice invoice : expected.invoices().values()) {
            List<RemoteLedger.Invoice> matches = live(ledger.invoices(), i -> invoice.number().equals(i.number()), RemoteLedger.Invoice::live);
            if (invoice.meantToFail()) {
                meant++;
                meantToFail(invoice, matches);
                continue;
            }
            String who = "INVOICE " + invoice.hostId() + " " + invoice.number();
            if (!tally.count(matches.size(), who, invoice.hostId(),
                    matches.stream().map(i -> i.total() + " for " + i.contact() + " [" + i.id() + "]").toList())) {
                continue;
            }
            RemoteLedger.Invoice first = matches.get(0);
            List<String> wrong = new ArrayList<>();
            differs(wrong, "total", invoice.total(), first.total());
            if (invoice.contactName() != null && !invoice.contactName().equals(first.contact())) {
                wrong.add("contact '" + first.contact() + "', host '" + invoice.contactName() + "'");
            }
            // what was paid or credited is judged here only when every payment and the credit note were found clean:
            // otherwise the difference is already counted on them
            boolean paymentsClean = expected.paymentsOf(invoice.hostId()).stream().allMatch(p -> clean.contains("PAYMENT:" + p.hostId()));
            if (paymentsClean) {
                differs(wrong, "amount paid", invoice.paid(), first.paid());
            }
            boolean cancelled = invoice.credited().signum() != 0;
            if (!cancelled || clean.contains("CREDIT_NOTE:" + invoice.hostId())) {
                differs(wrong, "amount credited", invoice.credited(), first.credited());
            }
            tally.wrong(wrong, who + " [" + first.id() + "]", invoice.hostId());
        }
        this.meantToFail = meant;
        counts.put(DocumentKind.INVOICE, tally.total(expected.invoices().size() - meant));
    }

    private void meantToFail(ExpectedInvoice invoice, List<RemoteLedger.Invoice> matches) {
        SyncStatus status = journal.row(DocumentKind.INVOICE, invoice.hostId()).map(JournalView.Row::status).orElse(null);
        if (matches.isEmpty() && status == SyncStatus.FAILED) {
            failedAsMeant++;
            return;
        }
        unexpectedMeantToFail += matches.size();
        causes.merge("meant to fail INVOICE | " + cause(DocumentKind.INVOICE, invoice.hostId()), 1, Integer::sum);
        discrepancies.add("INVOICE " + invoice.hostId() + " " + invoice.number() + " (customer without a name, meant to fail): "
                + (matches.isEmpty() ? "not in the ledger, but " : matches.size() + " in the ledger; ")
                + says(DocumentKind.INVOICE, invoice.hostId()));
    }

    /** Live remote documents of the run that no host document meant to reach the ledger accounts for. */
    private int unexpected() {
        int count = unexpectedMeantToFail;
        for (RemoteLedger.Invoice i : ledger.invoices()) {
            if (i.live() && ours(i) && !accounted.contains(i)) {
                count++;
                causes.merge("unexpected INVOICE", 1, Integer::sum);
                discrepancies.add("unexpected invoice " + i.number() + " " + i.total() + " for " + i.contact() + " [" + i.id() + "]");
            }
        }
        for (RemoteLedger.Payment p : ledger.payments()) {
            if (p.live() && ours(p) && !accounted.contains(p)) {
                count++;
                causes.merge("unexpected PAYMENT", 1, Integer::sum);
                discrepancies.add("unexpected payment " + p.amount() + " on invoice " + p.invoiceNumber() + " ref '" + p.reference()
                        + "' note '" + p.note() + "' [" + p.id() + "]");
            }
        }
        for (RemoteLedger.CreditNote n : ledger.creditNotes()) {
            if (n.live() && ours(n) && !accounted.contains(n)) {
                count++;
                causes.merge("unexpected CREDIT_NOTE", 1, Integer::sum);
                discrepancies.add("unexpected credit note " + n.number() + " " + n.total() + " [" + n.id() + "]");
            }
        }
        return count;
    }

    private int dead() {
        long invoices = ledger.invoices().stream().filter(i -> !i.live() && ours(i)).count();
        long payments = ledger.payments().stream().filter(p -> !p.live() && ours(p)).count();
        long notes = ledger.creditNotes().stream().filter(n -> !n.live() && ours(n)).count();
        return (int) (invoices + payments + notes);
    }

    private int lostByJournal() {
        int lost = 0;
        for (ExpectedInvoice i : expected.invoices().values()) {
            lost += lost(DocumentKind.INVOICE, i.hostId());
        }
        for (ExpectedPayment p : expected.payments().values()) {
            lost += lost(DocumentKind.PAYMENT, p.hostId());
        }
        for (ExpectedCreditNote n : expected.creditNotes().values()) {
            lost += lost(DocumentKind.CREDIT_NOTE, n.hostId());
        }
        return lost;
    }

    private int lost(DocumentKind kind, String hostId) {
        int revisions = acknowledged.getOrDefault(JournalView.key(kind, hostId), 0);
        if (revisions == 0) {
            return 0;
        }
        return journal.row(kind, hostId).map(row -> row.revision() < revisions ? 1 : 0).orElse(1);
    }

    /** What the journal's row tells of a discrepancy, short enough to group discrepancies by. */
    private String cause(DocumentKind kind, String hostId) {
        int revisions = acknowledged.getOrDefault(JournalView.key(kind, hostId), 0);
        if (revisions == 0) {
            return "the host never made it";
        }
        return journal.row(kind, hostId).map(row -> "journal " + row.status() + (row.error() == null ? "" : " " + row.error().code())
                        + (row.revision() < revisions ? ", an acknowledged revision lost" : ""))
                .orElse("no journal row: lost after the host's acknowledgement");
    }

    private String says(DocumentKind kind, String hostId) {
        return journal.describe(kind, hostId, acknowledged.getOrDefault(JournalView.key(kind, hostId), 0));
    }

    private boolean isPaymentOf(RemoteLedger.Payment remote, ExpectedPayment payment) {
        return provider == ChaosProvider.XERO ? payment.reference().equals(remote.reference())
                : remote.note() != null && remote.note().contains(marker(DocumentKind.PAYMENT, payment.hostId()));
    }

    private boolean isCreditNoteOf(RemoteLedger.CreditNote remote, ExpectedCreditNote note) {
        return provider == ChaosProvider.XERO ? note.number().equals(remote.number())
                : remote.note() != null && remote.note().contains(marker(DocumentKind.CREDIT_NOTE, note.hostId()));
    }

    /** A remote document the run wrote: one a host document names, or one in the run's own numbering or marking. */
    private boolean ours(RemoteLedger.Invoice i) {
        return i.number() != null && (i.number().startsWith(INVOICE_PREFIX)
                || expected.invoices().values().stream().anyMatch(e -> e.number().equals(i.number())));
    }

    private boolean ours(RemoteLedger.Payment p) {
        if (provider != ChaosProvider.XERO) {
            return p.note() != null && p.note().contains("[fieldsync:PAYMENT:");
        }
        return p.reference() != null && (p.reference().startsWith(XERO_PAYMENT_PREFIX)
                || expected.payments().values().stream().anyMatch(e -> e.reference().equals(p.reference())));
    }

    private boolean ours(RemoteLedger.CreditNote n) {
        if (provider != ChaosProvider.XERO) {
            return n.note() != null && n.note().contains("[fieldsync:CREDIT_NOTE:");
        }
        return n.number() != null && (n.number().startsWith(XERO_CREDIT_PREFIX)
                || expected.creditNotes().values().stream().anyMatch(e -> e.number().equals(n.number())));
    }

    /** The QuickBooks provider's marker (QboMarker): {@code [fieldsync:PAYMENT:PAY-1-2]}. */
    static String marker(DocumentKind kind, String hostId) {
        return "[fieldsync:" + kind + ":" + hostId + "]";
    }

    private <T> List<T> live(List<T> all, Predicate<T> matches, Predicate<T> live) {
        List<T> found = all.stream().filter(matches).collect(Collectors.toList());
        found.forEach(accounted::add);
        return found.stream().filter(live).toList();
    }

    private static void differs(List<String> wrong, String what, BigDecimal host, BigDecimal remote) {
        if (remote == null || host.compareTo(remote) != 0) {
            wrong.add(what + " " + remote + ", host " + host);
        }
    }

    /** The counts of one kind, and the discrepancy lines (and their causes) as they are found. */
    private final class Tally {
        private final DocumentKind kind;
        private int found;
        private int remote;
        private int duplicates;
        private int missing;
        private int wrongAmounts;

        Tally(DocumentKind kind) {
            this.kind = kind;
        }

        /** Counts the matches of one host document; true when there is at least one to compare. */
        boolean count(int matches, String who, String hostId, List<String> remotes) {
            remote += matches;
            if (matches == 0) {
                missing++;
                note("missing", hostId);
                discrepancies.add("missing   " + who + ": not in the ledger; " + says(kind, hostId));
                return false;
            }
            found++;
            if (matches > 1) {
                duplicates += matches - 1;
                note("duplicate", hostId);
                discrepancies.add("duplicate " + who + ": " + matches + " in the ledger: " + String.join("; ", remotes) + "; "
                        + says(kind, hostId));
            }
            return true;
        }

        /** Records what differs, if anything; true when nothing does. */
        boolean wrong(List<String> differences, String who, String hostId) {
            if (differences.isEmpty()) {
                return true;
            }
            wrongAmounts++;
            note("wrong", hostId);
            discrepancies.add("wrong     " + who + ": " + String.join(", ", differences) + "; " + says(kind, hostId));
            return false;
        }

        private void note(String problem, String hostId) {
            causes.merge(problem + " " + kind + " | " + cause(kind, hostId), 1, Integer::sum);
        }

        KindCount total(int expectedCount) {
            return new KindCount(expectedCount, found, remote, duplicates, missing, wrongAmounts);
        }
    }
}
