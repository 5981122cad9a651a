package io.fieldsync.accounting.bench.chaos;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quickBooksCreditApplicationsAreAllocationsOfTheMemoNotPaymentsAndPaymentsSettleTheirInvoice() throws Exception {
        String ledger = """
                {"vendor":"qbo","companies":[{"realmId":"1","customers":[{"id":"5","displayName":"Bayside Club"}],
                 "invoices":[{"id":"10","docNumber":"CH-00001","customerId":"5","totalAmt":110.00,"balance":0,"privateNote":"[fieldsync:INVOICE:J1]","voided":false},
                             {"id":"11","docNumber":"CH-00002","customerId":"5","totalAmt":55.00,"balance":15.00,"voided":false}],
                 "creditMemos":[{"id":"20","docNumber":"1005","customerId":"5","totalAmt":110.00,"remainingCredit":0,
                                 "privateNote":"[fieldsync:CREDIT_NOTE:CN-J1] cancelled","voided":false}],
                 "payments":[{"id":"30","txnDate":"2026-11-04","totalAmt":0,"privateNote":"[fieldsync:CREDIT_NOTE:CN-J1] credit application",
                              "voided":false,"deleted":false,"lines":[{"amount":110.00,"linked":[{"txnId":"10","txnType":"Invoice"}]},
                                                                      {"amount":110.00,"linked":[{"txnId":"20","txnType":"CreditMemo"}]}]},
                             {"id":"31","txnDate":"2026-11-09","totalAmt":40.00,"paymentRefNum":"RCPT P2","privateNote":"[fieldsync:PAYMENT:P2]",
                              "voided":false,"deleted":false,"lines":[{"amount":40.00,"linked":[{"txnId":"11","txnType":"Invoice"}]}]},
                             {"id":"32","txnDate":"2026-11-09","totalAmt":40.00,"privateNote":"[fieldsync:PAYMENT:P3]",
                              "voided":false,"deleted":true,"lines":[{"amount":40.00,"linked":[{"txnId":"11","txnType":"Invoice"}]}]}]}]}""";

        RemoteLedger read = LedgerReader.read(ChaosProvider.QUICKBOOKS, JSON.readTree(ledger));

        assertThat(read.invoices()).hasSize(2);
        RemoteLedger.Invoice cancelled = read.invoices().get(0);
        assertThat(cancelled.contact()).isEqualTo("Bayside Club");
        assertThat(cancelled.credited()).isEqualByComparingTo("110.00");
        assertThat(cancelled.paid()).isEqualByComparingTo("0");
        assertThat(read.invoices().get(1).paid()).as("the deleted payment does not count").isEqualByComparingTo("40.00");
        assertThat(read.payments()).as("the credit application is not a payment").extracting(RemoteLedger.Payment::id).containsExactly("31", "32");
        RemoteLedger.Payment payment = read.payments().get(0);
        assertThat(payment.invoiceNumber()).isEqualTo("CH-00002");
        assertThat(payment.amount()).isEqualByComparingTo("40.00");
        assertThat(payment.date()).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(payment.note()).contains("[fieldsync:PAYMENT:P2]");
        assertThat(read.payments().get(1).live()).isFalse();
        assertThat(read.creditNotes().get(0).allocatedTo("CH-00001")).isEqualByComparingTo(new BigDecimal("110.00"));
    }

    @Test
    void xeroRecordsAreReadAsXeroReportsThemAndOnlySalesDocumentsCount() throws Exception {
        String ledger = """
                {"vendor":"xero","tenants":[{"tenantId":"t","invoices":[
                   {"invoiceId":"i1","number":"CH-00001","type":"ACCREC","status":"PAID","contact":"Liam Gallagher","total":115.00,
                    "amountPaid":0,"amountCredited":115.00},
                   {"invoiceId":"i2","number":"CH-00002","type":"ACCREC","status":"DELETED","contact":"Bayside Club","total":57.50,
                    "amountPaid":0,"amountCredited":0},
                   {"invoiceId":"b1","number":"BILL-1","type":"ACCPAY","status":"AUTHORISED","total":10.00}],
                 "payments":[{"paymentId":"p1","invoiceNumber":"CH-00001","date":"2026-11-09","amount":20.00,"reference":"RCPT P1","status":"DELETED"}],
                 "creditNotes":[{"creditNoteId":"c1","number":"CN-CH-00001","type":"ACCRECCREDIT","status":"PAID","total":115.00,
                    "allocations":[{"invoiceNumber":"CH-00001","amount":115.00}]}]}]}""";

        RemoteLedger read = LedgerReader.read(ChaosProvider.XERO, JSON.readTree(ledger));

        assertThat(read.invoices()).extracting(RemoteLedger.Invoice::number).containsExactly("CH-00001", "CH-00002");
        assertThat(read.invoices().get(0).credited()).isEqualByComparingTo("115.00");
        assertThat(read.invoices().get(1).live()).isFalse();
        assertThat(read.payments().get(0).reference()).isEqualTo("RCPT P1");
        assertThat(read.payments().get(0).live()).isFalse();
        assertThat(read.creditNotes().get(0).allocatedTo("CH-00001")).isEqualByComparingTo("115.00");
    }
}
