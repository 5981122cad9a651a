package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.api.spi.IdempotencyKey;
import io.fieldsync.accounting.quickbooks.wire.QboLine;
import io.fieldsync.accounting.quickbooks.wire.QboRef;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRate;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRateDetail;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRateList;

/** The parts that need no sandbox: request ids, faults in the admin's words, and line and tax mapping. */
class QboUnitsTest {

    @Test
    void aBatchRequestIdIsStableFitsThirtySixCharactersAndDiffersByPurposeAndDocuments() {
        List<QboBatch.Item> chunk = List.of(QboBatch.Item.create("Invoice", Map.of(), IdempotencyKey.derive("a"), null),
                QboBatch.Item.create("Invoice", Map.of(), IdempotencyKey.derive("b"), null));

        String id = QboBatch.requestId("invoice", chunk);

        assertThat(id).hasSize(36).isEqualTo(QboBatch.requestId("invoice", List.copyOf(chunk)));
        assertThat(QboBatch.requestId("creditmemo-apply", chunk)).isNotEqualTo(id);
        assertThat(QboBatch.requestId("invoice", chunk.subList(0, 1))).isNotEqualTo(id);
        assertThat(QboBatch.requestId("query", List.of(QboBatch.Item.query("select * from Item")))).as("reads are never replayed").isNull();
    }

    @Test
    void theSameKeysCarryingOtherItemsOrTheSameItemsInAnotherOrderGetAnotherRequestId() {
        IdempotencyKey a = IdempotencyKey.derive("a");
        IdempotencyKey b = IdempotencyKey.derive("b");
        List<QboBatch.Item> chunk = List.of(QboBatch.Item.create("Payment", Map.of("TotalAmt", "50.00"), a, null),
                QboBatch.Item.create("Payment", Map.of("TotalAmt", "60.00"), b, null));
        List<QboBatch.Item> otherBodies = List.of(QboBatch.Item.create("Payment", Map.of("TotalAmt", "60.00"), a, null),
                QboBatch.Item.create("Payment", Map.of("TotalAmt", "50.00"), b, null));
        List<QboBatch.Item> reordered = List.of(chunk.get(1), chunk.get(0));

        String id = QboBatch.requestId("payment", chunk);

        assertThat(QboBatch.requestId("payment", List.of(QboBatch.Item.create("Payment", Map.of("TotalAmt", "50.00"), a, null),
                QboBatch.Item.create("Payment", Map.of("TotalAmt", "60.00"), b, null)))).as("the same request again").isEqualTo(id);
        assertThat(QboBatch.requestId("payment", otherBodies)).as("QBO would replay the first answer for other payments").isNotEqualTo(id);
        assertThat(QboBatch.requestId("payment", reordered)).as("bIds would name other documents").isNotEqualTo(id);
    }

    @Test
    void aBatchIsLoggedWithWhatItCarriedInOrderOfFirstAppearance() {
        List<QboBatch.Item> chunk = List.of(QboBatch.Item.create("Payment", Map.of(), IdempotencyKey.derive("p1"), null),
                QboBatch.Item.query("select * from Invoice where Id in ('1')"),
                QboBatch.Item.create("Payment", Map.of(), IdempotencyKey.derive("p2"), null),
                QboBatch.Item.update("Invoice", Map.of(), IdempotencyKey.derive("i1"), null));

        assertThat(QboBatch.contents(chunk)).isEqualTo("create Payment ×2, query ×1, update Invoice ×1");
    }

    @Test
    void theLowerCaseAuthenticationFaultIsReadAndItsCodeLosesItsLeadingZeros() throws Exception {
        QboFault fault = QboFault.of(QuickBooksApi.JSON.readTree("""
                {"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401",
                "detail":"Token expired: 0.0","code":"3200"}],"type":"AUTHENTICATION"},"time":"2026-11-02T09:00:00.000-07:00"}"""));
        QboFault throttled = QboFault.of(QuickBooksApi.JSON.readTree("""
                {"Fault":{"Error":[{"Message":"message=ThrottleExceeded; errorCode=003001; statusCode=429","code":"003001"}],"type":"SERVICE"}}"""));

        assertThat(fault.first().code()).isEqualTo("3200");
        assertThat(fault.words()).contains("Token expired");
        assertThat(QboFaults.forDocument(fault, "x").code()).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
        assertThat(throttled.has("3001")).isTrue();
    }

    @Test
    void faultsBecomeTheErrorThatNamesWhatToFix() throws Exception {
        assertThat(code("2500", "Invalid Reference Id : Item assigned to this transaction has been deleted", "ItemRef"))
                .isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(code("2500", "Invalid Reference Id : TaxCode 12 is inactive", "TaxCodeRef")).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(code("610", "Object Not Found : Something you're trying to use has been made inactive", "DepositToAccountRef"))
                .isEqualTo(ErrorCode.MAPPING_MISSING);
        assertThat(code("6000", "You must set a transaction amount", null)).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(code("2020", "Required param missing, need to supply the required value for the API", "Line")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(code("2170", "Invalid Enumeration : Foo", "GlobalTaxCalculation")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(code("6190", "Subscription period has ended or canceled", null)).isEqualTo(ErrorCode.NOT_CONNECTED);
        assertThat(code("120", "Authorization Failure", null)).isEqualTo(ErrorCode.CONNECTION_EXPIRED);
        SyncError validation = QboFaults.forDocument(fault("6000", "Amount is not equal to UnitPrice * Qty", "Line"), "invoice FS-1");
        assertThat(validation.message()).contains("invoice FS-1");
        assertThat(validation.detail()).contains("Amount is not equal to UnitPrice * Qty").contains("6000");
    }

    @Test
    void linesNameTheirItemAndOneTaxCodeAndUntaxedLinesTakeTheZeroRateCode() {
        QboSalesLines.Prepared prepared = prepared();

        List<QboLine> lines = prepared.lines(booked(
                new InvoiceLine("Labour", new BigDecimal("2"), new BigDecimal("85.00"), new BigDecimal("10"), ProductCategory.LABOUR, List.of("GST"), null),
                InvoiceLine.of("Disposal", BigDecimal.ONE, new BigDecimal("15.00"), ProductCategory.LABOUR, List.of()),
                InvoiceLine.of("Parts", BigDecimal.ONE, new BigDecimal("20.00"), ProductCategory.LABOUR, List.of("GST-BC", "PST-BC"))));

        assertThat(lines.get(0).amount()).isEqualByComparingTo("153.00");
        assertThat(lines.get(0).salesItemLineDetail().itemRef().value()).isEqualTo("7");
        assertThat(lines.get(0).salesItemLineDetail().discountRate()).isEqualByComparingTo("10");
        assertThat(lines.get(0).salesItemLineDetail().taxCodeRef().value()).isEqualTo("10");
        assertThat(lines.get(1).salesItemLineDetail().taxCodeRef().value()).as("the active 0% code").isEqualTo("11");
        assertThat(lines.get(2).salesItemLineDetail().taxCodeRef().value()).as("stacked rates mapped to one combined code").isEqualTo("13");
        assertThatThrownBy(() -> prepared.lines(booked(InvoiceLine.of("Two codes", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR,
                List.of("GST", "PST"))))).isInstanceOfSatisfying(DocumentRefused.class, refused -> {
                    assertThat(refused.error().code()).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
                    assertThat(refused.error().message()).contains("one tax code per line");
                });
        // booked by the engine to a code QBO no longer lists (deleted after the engine last read the tax codes)
        assertThatThrownBy(() -> prepared.lines(booked(InvoiceLine.of("Gone", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR,
                List.of("VAT"))))).isInstanceOfSatisfying(DocumentRefused.class, refused -> assertThat(refused.error().message()).contains("VAT"));
        assertThatThrownBy(() -> prepared.lines(booked(InvoiceLine.of("Retired", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR,
                List.of("OLD"))))).isInstanceOf(DocumentRefused.class);
    }

    @Test
    void theAmountTypeIsTheGlobalTaxCalculation() {
        assertThat(QboSalesLines.taxCalculation(io.fieldsync.accounting.api.AmountType.TAX_EXCLUSIVE)).isEqualTo("TaxExcluded");
        assertThat(QboSalesLines.taxCalculation(io.fieldsync.accounting.api.AmountType.TAX_INCLUSIVE)).isEqualTo("TaxInclusive");
        assertThat(QboSalesLines.taxCalculation(io.fieldsync.accounting.api.AmountType.NO_TAX)).isEqualTo("NotApplicable");
    }

    /** What the engine books the host's tax rates to; VAT to a code QBO does not list. */
    private static final Map<String, String> TAX_CODES = Map.of("GST", "10", "GST-BC", "13", "PST-BC", "13", "PST", "11", "OLD", "12",
            "VAT", "99");

    private static List<BookedLine> booked(InvoiceLine... lines) {
        return java.util.Arrays.stream(lines).map(line -> new BookedLine(line, "4100", line.taxRateIds().stream().map(TAX_CODES::get).toList(),
                null)).toList();
    }

    private static QboSalesLines.Prepared prepared() {
        QboLists.Lists lists = new QboLists.Lists("Co", "AU", List.of(), List.of(code("10", "GST", "20", true), code("11", "FRE", "21", true),
                code("12", "OLD", "20", false), code("13", "GST+PST", "22", true)),
                List.of(new QboTaxRate("20", "GST", new BigDecimal("10"), true), new QboTaxRate("21", "Free", BigDecimal.ZERO, true),
                        new QboTaxRate("22", "GST+PST", new BigDecimal("12"), true)), List.of(), Instant.parse("2026-11-02T09:00:00Z"));
        return new QboSalesLines.Prepared(lists, Map.of(new QboItems.Booking(ProductCategory.LABOUR, "4100", null), QboItems.Resolution.item("7")));
    }

    private static QboTaxCode code(String id, String name, String rate, boolean active) {
        return new QboTaxCode(id, name, name, active, new QboTaxRateList(List.of(new QboTaxRateDetail(new QboRef(rate, null)))));
    }

    private static ErrorCode code(String code, String detail, String element) throws Exception {
        return QboFaults.forDocument(fault(code, detail, element), "invoice FS-1").code();
    }

    private static QboFault fault(String code, String detail, String element) throws Exception {
        var error = QuickBooksApi.JSON.createObjectNode().put("Message", "message").put("Detail", detail).put("code", code);
        if (element != null) {
            error.put("element", element);
        }
        var root = QuickBooksApi.JSON.createObjectNode();
        root.putObject("Fault").put("type", "ValidationFault").putArray("Error").add(error);
        return QboFault.of(root);
    }
}
