package io.fieldsync.accounting.sandbox.qbo.contract;

import io.fieldsync.accounting.sandbox.SandboxJson;
import io.fieldsync.accounting.sandbox.testing.Exchange;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves that the QBO contract check reads Intuit's XSDs the way QBO's JSON binding does: the vendor's own request
 * samples and realistic provider requests pass, and each kind of mistake is reported at its JSON pointer.
 */
class QboContractCheckTest {

    private static final String API = "http://sandbox/v3/company/9341452/";
    private static final Path SHARED_XSD = Path.of("").toAbsolutePath()
            .resolve("../../shared/reference/specs/qbo-xsd").normalize();

    private static final String INVOICE = """
            {"CustomerRef":{"value":"58","name":"Acme Plumbing"},"DocNumber":"FS-1001","TxnDate":"2026-03-02",
             "DueDate":"2026-04-01","CurrencyRef":{"value":"AUD"},"GlobalTaxCalculation":"TaxExcluded",
             "PrivateNote":"ext-id:job-4711","BillEmail":{"Address":"accounts@acme.example"},
             "Line":[{"LineNum":1,"DetailType":"SalesItemLineDetail","Amount":180.00,"Description":"Call-out and 2 h labour",
                      "SalesItemLineDetail":{"ItemRef":{"value":"2","name":"Hours"},"Qty":2,"UnitPrice":100.00,
                                             "DiscountRate":10,"TaxCodeRef":{"value":"10"},"ServiceDate":"2026-03-01"}},
                     {"DetailType":"DescriptionOnly","Description":"Thank you for your business",
                      "DescriptionLineDetail":{}}],
             "TxnTaxDetail":{"TotalTax":18.00,"TaxLine":[{"DetailType":"TaxLineDetail","Amount":18.00,
                      "TaxLineDetail":{"TaxRateRef":{"value":"20"},"PercentBased":true,"TaxPercent":10,"NetAmountTaxable":180.00}}]}}
            """;

    @Test
    void theVendorContractProfilePassesTheQboXsdFolder() {
        assumeTrue(Files.exists(SHARED_XSD.resolve("Finance.xsd")), "no ../shared beside the project: the profile is rightly off");

        assertThat(System.getProperty(QboContractCheck.XSD_DIR)).as("set by the vendor-contract profile").isNotNull();
        assertThat(Path.of(System.getProperty(QboContractCheck.XSD_DIR)).toAbsolutePath().normalize()).isEqualTo(SHARED_XSD);
        assertThat(QboContractCheck.ifEnabled()).isPresent();
    }

    @Test
    void intuitsOwnInvoiceRequestSamplesConform() throws IOException {
        QboContractCheck check = enabledCheck();

        assertThat(check.violations(List.of(
                post("invoice?minorversion=75", example("qbo-invoice-create-request.json")),
                post("invoice?minorversion=75&requestid=0f8fad5b-d9cb-469f-a165-70867728950e", example("qbo-invoice-sparse-update-request.json")),
                post("invoice?operation=void&minorversion=75", example("qbo-invoice-void-request.json"))))).isEmpty();
    }

    @Test
    void aFullUpdateEchoingIntuitsOwnInvoiceResponseConforms() throws IOException {
        String invoice = SandboxJson.MAPPER.readTree(example("qbo-invoice-create-response.json")).get("Invoice").toString();

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).isEmpty();
    }

    @Test
    void aCustomerCreateWithContactDetailsConforms() {
        String customer = """
                {"DisplayName":"Acme Plumbing Pty Ltd","CompanyName":"Acme Plumbing Pty Ltd","GivenName":"Jo","FamilyName":"Bloggs",
                 "PrimaryEmailAddr":{"Address":"accounts@acme.example"},"PrimaryPhone":{"FreeFormNumber":"+61 2 9999 0000"},
                 "BillAddr":{"Line1":"1 George St","City":"Sydney","CountrySubDivisionCode":"NSW","PostalCode":"2000","Country":"Australia"},
                 "CurrencyRef":{"value":"AUD"},"Notes":"FieldSync customer 42","Active":true}
                """;

        assertThat(enabledCheck().violations(post("customer?minorversion=75", customer))).isEmpty();
    }

    @Test
    void anInvoiceWithTaxedSalesItemLinesConforms() {
        assertThat(enabledCheck().violations(post("invoice?minorversion=75&requestid=job-4711-v1", INVOICE))).isEmpty();
    }

    @Test
    void aCreditMemoAndThePaymentsThatSettleAnInvoiceConform() {
        String creditMemo = """
                {"CustomerRef":{"value":"58"},"DocNumber":"FS-CN-7","TxnDate":"2026-03-05","GlobalTaxCalculation":"TaxInclusive",
                 "Line":[{"DetailType":"SalesItemLineDetail","Amount":55.00,"SalesItemLineDetail":{"ItemRef":{"value":"1"},
                          "Qty":1,"UnitPrice":55.00,"TaxCodeRef":{"value":"10"}}}]}
                """;
        String payment = """
                {"CustomerRef":{"value":"58"},"TotalAmt":143.00,"TxnDate":"2026-03-10","PaymentRefNum":"EFT 8812",
                 "DepositToAccountRef":{"value":"5"},"PrivateNote":"ext-id:pay-99",
                 "Line":[{"Amount":143.00,"LinkedTxn":[{"TxnId":"129","TxnType":"Invoice"}]}]}
                """;
        String creditApplied = """
                {"CustomerRef":{"value":"58"},"TotalAmt":0,
                 "Line":[{"Amount":55.00,"LinkedTxn":[{"TxnId":"129","TxnType":"Invoice"}]},
                         {"Amount":55.00,"LinkedTxn":[{"TxnId":"131","TxnType":"CreditMemo"}]}]}
                """;

        assertThat(enabledCheck().violations(List.of(
                post("creditmemo?minorversion=75", creditMemo),
                post("payment?minorversion=75", payment),
                post("payment?minorversion=75", creditApplied),
                post("payment?operation=update&include=void&minorversion=75", "{\"Id\":\"77\",\"SyncToken\":\"2\",\"sparse\":true}"))))
                .isEmpty();
    }

    @Test
    void aBatchOfCreatesQueriesAndAVoidConforms() {
        String batch = """
                {"BatchItemRequest":[
                  {"bId":"1","operation":"create","Invoice":%s},
                  {"bId":"2","Query":"select * from Invoice where DocNumber in ('FS-1001','FS-1002') maxresults 30"},
                  {"bId":"3","operation":"update","optionsData":"void","Invoice":{"Id":"129","SyncToken":"0"}},
                  {"bId":"4","operation":"delete","Payment":{"Id":"77","SyncToken":"1"}}]}
                """.formatted(INVOICE);

        assertThat(enabledCheck().violations(post("batch?minorversion=75&requestid=" + "b".repeat(36), batch))).isEmpty();
    }

    @Test
    void readsNameKnownEntitiesAndPinTheMinorVersion() {
        assertThat(enabledCheck().violations(List.of(
                get("query?query=select%20*%20from%20Customer%20where%20DisplayName%20%3D%20'Acme'&minorversion=75"),
                get("query?query=select+count(*)+from+TaxCode&minorversion=75"),
                get("invoice/129?minorversion=75"),
                get("companyinfo/9341452?minorversion=75"),
                get("cdc?entities=Invoice,Payment,CreditMemo,Customer&changedSince=2026-03-01T00:00:00Z&minorversion=75")))).isEmpty();
    }

    @Test
    void requestsOutsideTheAccountingApiAreNotChecked() {
        Exchange token = new Exchange("POST", URI.create("http://sandbox/oauth2/v1/tokens/bearer"), Map.of(),
                "grant_type=refresh_token&refresh_token=x", 200, Map.of(), new byte[0], false);

        assertThat(enabledCheck().violations(token)).isEmpty();
    }

    @Test
    void anAccountCodeOnALineIsAnUnknownField() {
        String invoice = INVOICE.replace("\"LineNum\":1,", "\"LineNum\":1,\"AccountCode\":\"200\",");

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).singleElement().asString()
                .startsWith("POST /v3/company/9341452/invoice #/Line/0/AccountCode: unknown field");
    }

    @Test
    void anAmountSentAsAStringIsTheWrongType() {
        String invoice = INVOICE.replace("\"Amount\":180.00", "\"Amount\":\"180.00\"");

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).singleElement().asString()
                .contains("#/Line/0/Amount:").contains("xs:decimal needs a JSON number");
    }

    @Test
    void xerosExclusiveIsNotAGlobalTaxCalculation() {
        String invoice = INVOICE.replace("\"TaxExcluded\"", "\"Exclusive\"");

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).singleElement().asString()
                .contains("#/GlobalTaxCalculation:").contains("\"Exclusive\" is not one of GlobalTaxCalculationEnum");
    }

    @Test
    void aCustomerRefSentAsAnArrayIsRefusedAndLineSentAsAnObjectToo() {
        String invoice = """
                {"CustomerRef":[{"value":"58"}],"Line":{"DetailType":"SalesItemLineDetail","Amount":1,
                 "SalesItemLineDetail":{"ItemRef":{"value":"1"}}}}
                """;

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).satisfiesExactlyInAnyOrder(
                v -> assertThat(v).contains("#/CustomerRef: an array where Invoice.CustomerRef occurs at most once"),
                v -> assertThat(v).contains("#/Line: an object where Invoice.Line repeats"));
    }

    @Test
    void aDocNumberOfMoreThan21CharactersIsTooLong() {
        QboContractCheck check = enabledCheck();

        assertThat(check.violations(post("invoice?minorversion=75", INVOICE.replace("FS-1001", "F".repeat(21))))).isEmpty();
        assertThat(check.violations(post("invoice?minorversion=75", INVOICE.replace("FS-1001", "F".repeat(22)))))
                .singleElement().asString().contains("#/DocNumber: 22 characters").contains("at most 21");
    }

    @Test
    void aBatchOf31ItemsIsOneTooMany() {
        QboContractCheck check = enabledCheck();

        assertThat(check.violations(post("batch?minorversion=75", batchOfQueries(30)))).isEmpty();
        assertThat(check.violations(post("batch?minorversion=75", batchOfQueries(31)))).singleElement().asString()
                .contains("#/BatchItemRequest: 31 items, QBO takes at most 30");
    }

    @Test
    void aBatchIdOf11CharactersIsTooLongAndOneMustBeThere() {
        String batch = """
                {"BatchItemRequest":[{"bId":"12345678901","Query":"select * from Item"},{"Query":"select * from Account"}]}
                """;

        assertThat(enabledCheck().violations(post("batch?minorversion=75", batch))).satisfiesExactlyInAnyOrder(
                v -> assertThat(v).contains("#/BatchItemRequest/0/bId: 11 characters, QBO allows 1..10"),
                v -> assertThat(v).contains("#/BatchItemRequest/1/bId: missing"));
    }

    @Test
    void aBatchEntityItemNeedsAnOperationAndExactlyOnePayload() {
        String batch = """
                {"BatchItemRequest":[{"bId":"1","Customer":{"DisplayName":"A"}},
                                     {"bId":"2","operation":"create","Customer":{"DisplayName":"B"},"Query":"select * from Item"}]}
                """;

        assertThat(enabledCheck().violations(post("batch?minorversion=75", batch))).satisfiesExactlyInAnyOrder(
                v -> assertThat(v).contains("#/BatchItemRequest/0/operation: missing"),
                v -> assertThat(v).contains("#/BatchItemRequest/1: [Customer, Query] together, but BatchItemRequest allows only one"));
    }

    @Test
    void aMissingMinorVersionAndAnOverlongRequestIdAreFlagged() {
        QboContractCheck check = enabledCheck();

        assertThat(check.violations(get("query?query=select%20*%20from%20Invoice"))).singleElement().asString()
                .isEqualTo("GET /v3/company/9341452/query ?minorversion: missing (every call pins the minor version, e.g. minorversion=75)");
        assertThat(check.violations(post("invoice?minorversion=75&requestid=" + "r".repeat(51), INVOICE)))
                .singleElement().asString().contains("?requestid: 51 characters, QBO allows 1..50");
        assertThat(check.violations(post("batch?minorversion=75&requestid=" + "r".repeat(37), batchOfQueries(1))))
                .singleElement().asString().contains("?requestid: 37 characters, QBO allows 1..36 on /batch");
    }

    @Test
    void aQueryOfAnUnknownEntityIsFlagged() {
        assertThat(enabledCheck().violations(get("query?query=select%20*%20from%20Invoices&minorversion=75")))
                .singleElement().asString().contains("?query: \"Invoices\" is not a QBO entity");
    }

    @Test
    void aLineDetailMustBeTheOneItsDetailTypeNames() {
        String invoice = INVOICE.replace("\"DetailType\":\"DescriptionOnly\",", "\"DetailType\":\"SalesItemLineDetail\",");

        assertThat(enabledCheck().violations(post("invoice?minorversion=75", invoice))).singleElement().asString()
                .contains("#/Line/1/DescriptionLineDetail: DetailType is \"SalesItemLineDetail\"");
    }

    @Test
    void anUpdateWithoutSyncTokenIsFlaggedButACreateNeedsNeither() {
        QboContractCheck check = enabledCheck();

        assertThat(check.violations(post("invoice?minorversion=75", "{\"Id\":\"238\",\"sparse\":true,\"DueDate\":\"2026-04-30\"}")))
                .singleElement().asString().contains("#/SyncToken: missing, an update (sparse) of Invoice needs Id and SyncToken");
        assertThat(check.violations(post("invoice?operation=void&minorversion=75", "{\"SyncToken\":\"0\"}")))
                .singleElement().asString().contains("#/Id: missing, an update (void)");
    }

    @Test
    void valuesAreCheckedAgainstTheirXsdTypes() {
        String payment = """
                {"CustomerRef":{"name":"Acme"},"TxnDate":"10/03/2026","TotalAmt":10,
                 "Line":[{"Amount":10,"LinkedTxn":[{"TxnId":"129","TxnType":"invoice"}]}],"CustomField":[{"Name":"Job"}]}
                """;

        assertThat(enabledCheck().violations(post("payment?minorversion=75", payment))).satisfiesExactlyInAnyOrder(
                v -> assertThat(v).contains("#/CustomerRef: no \"value\""),
                v -> assertThat(v).contains("#/TxnDate: \"10/03/2026\" is not a date"),
                v -> assertThat(v).contains("#/Line/0/LinkedTxn/0/TxnType: \"invoice\" is not one of TxnTypeEnum"),
                v -> assertThat(v).contains("#/CustomField/0/Type: missing, CustomField requires it"));
    }

    private static QboContractCheck enabledCheck() {
        assumeTrue(QboContractCheck.ifEnabled().isPresent(), "the vendor-contract profile is off");
        return QboContractCheck.ifEnabled().get();
    }

    private static String example(String name) throws IOException {
        enabledCheck(); // the examples sit beside the XSDs, which only the profile locates
        return Files.readString(Path.of(System.getProperty(QboContractCheck.XSD_DIR)).resolveSibling("examples").resolve(name));
    }

    private static String batchOfQueries(int items) {
        return IntStream.rangeClosed(1, items)
                .mapToObj(i -> "{\"bId\":\"" + i + "\",\"Query\":\"select * from Invoice startposition " + i + " maxresults 1\"}")
                .collect(Collectors.joining(",", "{\"BatchItemRequest\":[", "]}"));
    }

    private static Exchange post(String pathAndQuery, String body) {
        return new Exchange("POST", URI.create(API + pathAndQuery),
                Map.of("Content-Type", List.of("application/json"), "Accept", List.of("application/json")), body,
                200, Map.of(), new byte[0], false);
    }

    private static Exchange get(String pathAndQuery) {
        return new Exchange("GET", URI.create(API + pathAndQuery), Map.of("Accept", List.of("application/json")), null,
                200, Map.of(), new byte[0], false);
    }
}
