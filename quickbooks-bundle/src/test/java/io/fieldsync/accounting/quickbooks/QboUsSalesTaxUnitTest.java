package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.BookedLine;
import io.fieldsync.accounting.quickbooks.wire.QboRef;
import io.fieldsync.accounting.quickbooks.wire.QboTaxCode;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRate;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRateDetail;
import io.fieldsync.accounting.quickbooks.wire.QboTaxRateList;

/** The US sales-tax mapping without HTTP: which lines are TAX or NON, the one transaction code, and what is refused. */
class QboUsSalesTaxUnitTest {

    static final QboLists.Lists US = new QboLists.Lists("Co", "US", List.of(), List.of(
            new QboTaxCode("TAX", "TAX", "TAX", true, null), new QboTaxCode("NON", "NON", "NON", true, null),
            code("2", "California", true, "3"), code("3", "Nevada", true, "4"), code("4", "Old County", false, "5"),
            code("5", "Los Angeles", true, "6", "7")),
            List.of(rate("3", "8.25"), rate("4", "6.85"), rate("5", "1"), rate("6", "7.25"), rate("7", "2.25")), List.of(), Instant.parse("2026-11-02T09:00:00Z"));

    /** What the engine books the host's tax rates to (the admin's mappings); GST to a code QBO does not list. */
    static final Map<String, String> TAX_CODES = Map.of("CA", "2", "CA-NAME", "California", "NV", "3", "EXEMPT", "NON", "OLD", "4",
            "FLAG", "TAX", "GST", "99");

    final QboUsSalesTax tax = new QboUsSalesTax(US);

    @Test
    void theCountryTellsTheTaxModel() {
        assertThat(US.usSalesTax()).isTrue();
        assertThat(new QboLists.Lists("Co", "AU", List.of(), List.of(), List.of(), List.of(), Instant.parse("2026-11-02T09:00:00Z")).usSalesTax()).isFalse();
        assertThat(new QboLists.Lists("Co", null, List.of(), List.of(), List.of(), List.of(), Instant.parse("2026-11-02T09:00:00Z")).usSalesTax()).isFalse();
    }

    @Test
    void mappableRatesAreTheSalesTaxCodesAtTheirSummedRatesAndNonButNotTax() {
        List<RemoteTaxRate> rates = QboUsSalesTax.taxRates(US);

        assertThat(rates).extracting(RemoteTaxRate::code).containsExactly("NON", "2", "3", "4", "5");
        assertThat(rates).filteredOn(rate -> rate.code().equals("5")).singleElement()
                .satisfies(rate -> assertThat(rate.ratePercent()).isEqualByComparingTo("9.50"));
        assertThat(rates).filteredOn(rate -> rate.code().equals("4")).singleElement().satisfies(rate -> assertThat(rate.active()).isFalse());
        assertThat(rates).allSatisfy(rate -> assertThat(rate.appliesToRevenue()).isTrue());
    }

    @Test
    void taxableLinesAreTaxExemptAndUntaxedOnesNonAndTheCodeMayBeNamedByName() {
        QboUsSalesTax.Taxes taxes = tax.taxes(List.of(line("CA"), line("EXEMPT"), line(), line("CA-NAME")), AmountType.TAX_EXCLUSIVE,
                "invoice FS-1");

        assertThat(taxes.lineCodes()).containsExactly("TAX", "NON", "NON", "TAX");
        assertThat(taxes.transactionCode()).isEqualTo("2");
    }

    @Test
    void aNoTaxDocumentIsAllNonWithoutACode() {
        QboUsSalesTax.Taxes taxes = tax.taxes(List.of(line("CA"), line("NV")), AmountType.NO_TAX, "invoice FS-1");

        assertThat(taxes.lineCodes()).containsOnly("NON");
        assertThat(taxes.transactionCode()).isNull();
    }

    @Test
    void whatAUsDocumentCannotCarryIsRefusedWithTheCodeToActOn() {
        assertThat(refusal(List.of(line("CA"), line("NV")), AmountType.TAX_EXCLUSIVE)).isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(refusal(List.of(line("CA", "NV")), AmountType.TAX_EXCLUSIVE)).as("one line, two codes").isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(refusal(List.of(line("OLD")), AmountType.TAX_EXCLUSIVE)).as("inactive").isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(refusal(List.of(line("FLAG")), AmountType.TAX_EXCLUSIVE)).as("TAX is no rate").isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(refusal(List.of(line("GST")), AmountType.TAX_EXCLUSIVE)).as("not in QuickBooks").isEqualTo(ErrorCode.TAX_MAPPING_MISSING);
        assertThat(refusal(List.of(line("CA")), AmountType.TAX_INCLUSIVE)).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    private ErrorCode refusal(List<BookedLine> lines, AmountType type) {
        Throwable thrown = catchThrowable(() -> tax.taxes(lines, type, "invoice FS-1"));
        assertThat(thrown).isInstanceOf(DocumentRefused.class);
        return ((DocumentRefused) thrown).error().code();
    }

    private static BookedLine line(String... hostRates) {
        return new BookedLine(InvoiceLine.of("Labour", BigDecimal.ONE, BigDecimal.TEN, ProductCategory.LABOUR, List.of(hostRates)), "4100",
                java.util.Arrays.stream(hostRates).map(TAX_CODES::get).toList(), null);
    }

    private static QboTaxCode code(String id, String name, boolean active, String... rateIds) {
        return new QboTaxCode(id, name, name, active, new QboTaxRateList(java.util.Arrays.stream(rateIds)
                .map(rateId -> new QboTaxRateDetail(new QboRef(rateId, null))).toList()));
    }

    private static QboTaxRate rate(String id, String percent) {
        return new QboTaxRate(id, id, new BigDecimal(percent), true);
    }
}
