package io.fieldsync.accounting.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.BookedLine;

import org.junit.jupiter.api.Test;

class LineBookingsTest {

    private static final Mappings MAPPINGS = new Mappings(Map.of(ProductCategory.LABOUR, "200", ProductCategory.MATERIALS, "acc-260"),
            Map.of(ProductCategory.LABOUR, "item-lab"), Map.of("GST", "OUTPUT2", "PST", "PST-BC"), "200", null, "090",
            Map.of(PaymentMethod.CARD, "091"));
    private static final ReferenceData REFERENCE = new ReferenceData("Demo Plumbing Ltd", List.of(
            new RemoteAccount("acc-200", "200", "Sales", AccountType.REVENUE, true, false),
            new RemoteAccount("acc-260", "260", "Other Revenue", AccountType.REVENUE, true, false),
            new RemoteAccount("acc-090", "090", "Bank", AccountType.BANK, true, true)),
            List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15"), true, true),
                    new RemoteTaxRate("PST-BC", "PST", new BigDecimal("7"), true, true)),
            List.of(new RemoteItem("item-lab", "LAB-HR", "Labour (per hour)", true)), Instant.parse("2026-11-02T09:00:00Z"));

    private static InvoiceLine line(String category, String... taxRates) {
        return InvoiceLine.of(category + " work", BigDecimal.ONE, new BigDecimal("10.00"), category, List.of(taxRates));
    }

    @Test
    void eachLineIsBookedToItsCategorysAccountAndItemAndToTheRemoteTaxRateOfEachHostRateInOrder() {
        LineBookings.Booking booking = new LineBookings(MAPPINGS, Optional.of(REFERENCE), "Xero")
                .book(List.of(line(ProductCategory.LABOUR, "GST", "PST"), line(ProductCategory.MATERIALS), line("Callout", "GST")));

        assertThat(booking.problem()).isEmpty();
        assertThat(booking.lines()).extracting(BookedLine::revenueAccount, BookedLine::taxRates, BookedLine::item).containsExactly(
                org.assertj.core.groups.Tuple.tuple("200", List.of("OUTPUT2", "PST-BC"), "LAB-HR"),
                org.assertj.core.groups.Tuple.tuple("260", List.of(), null),
                org.assertj.core.groups.Tuple.tuple("200", List.of("OUTPUT2"), null));
    }

    @Test
    void anAccountOrItemMappedByItsIdGoesOutByTheCodeTheAccountingSystemsDocumentsNameItBy() {
        BookedLine materials = new LineBookings(MAPPINGS, Optional.of(REFERENCE), "Xero").book(List.of(line(ProductCategory.MATERIALS)))
                .lines().get(0);
        BookedLine labour = new LineBookings(MAPPINGS, Optional.of(REFERENCE), "Xero").book(List.of(line(ProductCategory.LABOUR)))
                .lines().get(0);

        assertThat(materials.revenueAccount()).as("mapped as acc-260, code 260").isEqualTo("260");
        assertThat(labour.item()).as("mapped as item-lab, code LAB-HR").isEqualTo("LAB-HR");
    }

    @Test
    void withoutReferenceDataTheMappedKeysGoOutAsTheAdminWroteThem() {
        BookedLine booked = new LineBookings(MAPPINGS, Optional.empty(), "Xero").book(List.of(line(ProductCategory.MATERIALS, "GST")))
                .lines().get(0);

        assertThat(booked.revenueAccount()).isEqualTo("acc-260");
        assertThat(booked.taxRates()).containsExactly("OUTPUT2");
    }

    @Test
    void aDocumentWithGapsIsNotBookedAndItsGapsAreTheMappingChecksWordedTheSameWay() {
        Mappings gaps = new Mappings(Map.of(ProductCategory.LABOUR, "200"), Map.of(), Map.of("GST", "RETIRED"), null, null, null, Map.of());
        List<InvoiceLine> lines = List.of(line(ProductCategory.LABOUR, "GST"), line(ProductCategory.EQUIPMENT, "VAT"));

        LineBookings.Booking booking = new LineBookings(gaps, Optional.of(REFERENCE), "Xero").book(lines);

        assertThat(booking.lines()).isEmpty();
        assertThat(booking.problem()).isEqualTo(MappingCheck.asError(new MappingCheck(gaps, Optional.of(REFERENCE), "Xero").gaps(lines)));
        assertThat(booking.problem()).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.MAPPING_MISSING);
            assertThat(error.message()).contains("Category Equipment").contains("VAT").contains("RETIRED");
        });
    }
}
