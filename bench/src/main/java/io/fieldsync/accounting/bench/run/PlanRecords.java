package io.fieldsync.accounting.bench.run;

/**
 * What a plan asks the accounting system to hold: customers, the items (product/service records) their lines need,
 * invoices, payments and credit notes (one per cancellation, each set against its invoice).
 */
public record PlanRecords(int customers, int items, int invoices, int payments, int creditNotes) {

    public PlanRecords {
        if (customers < 0 || items < 0 || invoices < 0 || payments < 0 || creditNotes < 0) {
            throw new IllegalArgumentException("a plan holds no negative counts");
        }
    }

    /** The host documents: what the engine is asked to sync (customers and items come with them). */
    public int documents() {
        return invoices + payments + creditNotes;
    }
}
