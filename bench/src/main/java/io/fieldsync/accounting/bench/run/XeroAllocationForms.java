package io.fieldsync.accounting.bench.run;

/**
 * What the vendor's own descriptions say about allocating several Xero credit notes in one call, printed with
 * {@code calls_per_doc_ratio} because it decides whether one allocation per credit note belongs in the minimum.
 */
final class XeroAllocationForms {

    static final String FINDING = """
            Xero credit-note allocations, from the sources (../shared/reference):
              - the one allocation write is PUT /CreditNotes/{CreditNoteID}/Allocations (xero-openapi-xero_accounting.yaml
                l.6420-6547, operationId createCreditNoteAllocation): the credit note is in the path, so a call allocates
                one credit note (its Allocations array may name several invoices of that note); api-facts §3.1 and the
                sandbox rule 63 (RULES.md) say the same;
              - the CreditNote schema (l.21589) lists Allocations (l.21697, "See Allocations") without readOnly, and
                PUT /CreditNotes (createCreditNotes, l.5333) takes an array of CreditNote, but neither the spec's examples
                (every CreditNote example has "Allocations: []") nor api-facts document allocations created from that
                body; the Xero-Java SDK generated from the same spec offers createCreditNoteAllocation(accessToken, xeroTenantId,
                creditNoteID, allocations, summarizeErrors) per note and nothing batched.
              So no documented batch form: the minimum counts one allocation call per credit note. The "batched" figure
              below is what the minimum would be if PUT /CreditNotes honoured Allocations, to be tried against real Xero
              before anyone relies on it.""";

    private XeroAllocationForms() {
    }
}
