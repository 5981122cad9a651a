package io.fieldsync.accounting.bench.run;

/**
 * The fewest API calls the vendor's batch sizes allow for a plan, with the formula spelt out, so that
 * {@code calls_per_doc_ratio = calls made ÷ minimum} says what batching loses and nothing else.
 *
 * <p>Customers are looked up before they are created (both vendors refuse or duplicate a second contact with the same
 * name, and a rerun must find the first), so one lookup per batch of customers is part of the minimum. Reads the engine
 * makes for its own checks (an invoice's balance before a payment) are not: the minimum is what the plan forces.
 *
 * @param calls   the minimum
 * @param formula how it was counted, with the numbers put in
 */
public record MinimumCalls(int calls, String formula) {

    /**
     * Xero: every collection endpoint takes an array, about 50 per request (api-facts §4, X-LIMITS-OLD "keep to about
     * 50"); contacts, invoices, payments and credit notes are each their own endpoint, so they cannot share a call.
     * Allocations go to {@code PUT /CreditNotes/{CreditNoteID}/Allocations}: one call per credit note unless
     * {@code allocationsBatched} (then they count as 50 per call, as if a batched form existed).
     */
    public static MinimumCalls xero(PlanRecords plan, boolean allocationsBatched) {
        int perCall = 50;
        int lookups = ceil(plan.customers(), perCall);
        int contacts = ceil(plan.customers(), perCall);
        int invoices = ceil(plan.invoices(), perCall);
        int payments = ceil(plan.payments(), perCall);
        int creditNotes = ceil(plan.creditNotes(), perCall);
        int allocations = allocationsBatched ? ceil(plan.creditNotes(), perCall) : plan.creditNotes();
        int total = lookups + contacts + invoices + payments + creditNotes + allocations;
        String formula = "ceil(C/50) lookups + ceil(C/50) contacts + ceil(I/50) invoices + ceil(P/50) payments + ceil(X/50) credit notes + "
                + (allocationsBatched ? "ceil(X/50)" : "X") + " allocations = %d + %d + %d + %d + %d + %d = %d (C=%d I=%d P=%d X=%d)"
                        .formatted(lookups, contacts, invoices, payments, creditNotes, allocations, total, plan.customers(),
                                plan.invoices(), plan.payments(), plan.creditNotes());
        return new MinimumCalls(total, formula);
    }

    /**
     * QuickBooks Online: {@code POST /batch} carries up to 30 items (api-facts §4, Q-BLOG-2023-07: "Max 30 items per
     * batch"), and the items of one request may be of different entities (Q-XSD BatchItemRequest), so the minimum is
     * set by what must exist before what: customers looked up; customers and items created; invoices (they name both);
     * payments and credit memos (they name an invoice); the zero-amount payments that apply each credit memo (they name
     * the memo).
     */
    public static MinimumCalls quickBooks(PlanRecords plan) {
        int perBatch = 30;
        int lookups = ceil(plan.customers(), perBatch);
        int parties = ceil(plan.customers() + plan.items(), perBatch);
        int invoices = ceil(plan.invoices(), perBatch);
        int settlements = ceil(plan.payments() + plan.creditNotes(), perBatch);
        int applications = ceil(plan.creditNotes(), perBatch);
        int total = lookups + parties + invoices + settlements + applications;
        String formula = ("ceil(C/30) lookups + ceil((C+K)/30) customers and items + ceil(I/30) invoices + ceil((P+X)/30) payments and "
                + "credit memos + ceil(X/30) applications = %d + %d + %d + %d + %d = %d (C=%d K=%d I=%d P=%d X=%d)")
                .formatted(lookups, parties, invoices, settlements, applications, total, plan.customers(), plan.items(),
                        plan.invoices(), plan.payments(), plan.creditNotes());
        return new MinimumCalls(total, formula);
    }

    /** calls made ÷ this minimum. */
    public double ratio(int callsMade) {
        return calls == 0 ? Double.NaN : (double) callsMade / calls;
    }

    private static int ceil(int count, int perCall) {
        return (count + perCall - 1) / perCall;
    }
}
