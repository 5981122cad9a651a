package io.fieldsync.accounting.xero;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.xero.wire.XeroEnvelope;
import io.fieldsync.accounting.xero.wire.XeroTaxRate;

/**
 * The tax type an organisation has for a sale without tax, read from its own TaxRates: Xero's tax types are the
 * organisation's (OpenAPI TaxRate; NZ has NONE "No GST", an AU organisation has no NONE since 25 March 2013 and
 * books one sent anyway as BAS Excluded, outside the BAS, developer.xero.com/changes-to-tax-codes-in-australia). In
 * order: NONE where the organisation has it for sales; else EXEMPTOUTPUT (AU "GST Free Income", reported in G3);
 * else another active zero rate for sales that reports as EXEMPTOUTPUT or NONE. Read once an hour per organisation
 * (the rates rarely change and Xero allows 60 calls a minute), and only when a batch has an untaxed line.
 */
final class XeroTaxTypes {

    static final Duration FRESH_FOR = Duration.ofHours(1);

    private record Read(Optional<String> untaxedSales, Instant at) {
    }

    private final XeroApi api;
    private final Clock clock;
    private final Map<String, Read> byTenant = new ConcurrentHashMap<>();

    XeroTaxTypes(XeroApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** The tax type for an untaxed sales line in {@code session}'s organisation; empty if it has none. */
    Optional<String> untaxedSales(ProviderSession session) {
        Read read = byTenant.get(session.tenantId());
        if (read == null || !clock.instant().isBefore(read.at().plus(FRESH_FOR))) {
            read = new Read(choose(api.get(session, "/TaxRates", Map.of()).taxRates()), clock.instant());
            byTenant.put(session.tenantId(), read);
        }
        return read.untaxedSales();
    }

    static Optional<String> choose(List<XeroTaxRate> rates) {
        List<XeroTaxRate> forSales = rates == null ? List.of() : rates.stream()
                .filter(rate -> "ACTIVE".equals(rate.status()) && !Boolean.FALSE.equals(rate.canApplyToRevenue()))
                .filter(rate -> rate.effectiveRate() == null || rate.effectiveRate().compareTo(BigDecimal.ZERO) == 0)
                .toList();
        return forSales.stream().map(XeroTaxRate::taxType).filter("NONE"::equals).findFirst()
                .or(() -> forSales.stream().map(XeroTaxRate::taxType).filter("EXEMPTOUTPUT"::equals).findFirst())
                .or(() -> forSales.stream().filter(rate -> "EXEMPTOUTPUT".equals(rate.reportTaxType()) || "NONE".equals(rate.reportTaxType()))
                        .map(XeroTaxRate::taxType).findFirst());
    }
}
