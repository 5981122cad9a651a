package io.fieldsync.accounting.sandbox.xero;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import io.fieldsync.accounting.sandbox.xero.ledger.Organisation;

/** The Australian organisation: Xero's default AU tax rates, no NONE, and what Xero does with a NONE sent anyway. */
class AustralianOrganisationTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private Organisation australian() {
        Organisation au = AuDemoOrganisation.create(xero.sandbox());
        xero.actAs(xero.sandbox().connect(au).accessToken(), au);
        return au;
    }

    @Test
    void itsTaxRatesAreXerosAustralianDefaultsWithoutNone() {
        australian();

        JsonNode rates = xero.api().get("/TaxRates").json().get("TaxRates");

        List<String> types = new ArrayList<>();
        rates.forEach(rate -> types.add(rate.get("TaxType").asText()));
        assertThat(types).containsExactlyInAnyOrder("OUTPUT", "INPUT", "CAPEXINPUT", "EXEMPTCAPITAL", "EXEMPTEXPENSES", "EXEMPTEXPORT",
                "EXEMPTOUTPUT", "GSTONCAPIMPORTS", "GSTONIMPORTS", "INPUTTAXED", "BASEXCLUDED");
        rates.forEach(rate -> {
            if (rate.get("TaxType").asText().equals("EXEMPTOUTPUT")) {
                assertThat(rate.get("Name").asText()).isEqualTo("GST Free Income");
                assertThat(rate.get("ReportTaxType").asText()).isEqualTo("EXEMPTOUTPUT");
                assertThat(rate.get("EffectiveRate").decimalValue()).isZero();
                assertThat(rate.get("CanApplyToRevenue").asBoolean()).isTrue();
            }
        });
        assertThat(xero.api().get("/Organisation").json().get("Organisations").get(0).get("BaseCurrency").asText()).isEqualTo("AUD");
    }

    @Test
    void noneOnASalesLineIsBookedAsBasExcludedAsXeroMapsItSince2013() {
        Organisation au = australian();
        String contact = au.activeContactNamed("Bayside Club").orElseThrow().id().toString();

        Exchange x = xero.api().put("/Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":\"" + contact + "\"},"
                + "\"Date\":\"2026-03-02\",\"DueDate\":\"2026-03-30\",\"Status\":\"AUTHORISED\",\"LineItems\":[{\"Description\":\"Export job\",\"Quantity\":1,"
                + "\"UnitAmount\":100,\"AccountCode\":\"200\",\"TaxType\":\"NONE\"}]}]}");

        assertThat(x.status()).as(x.body()).isEqualTo(200);
        JsonNode line = x.json().get("Invoices").get(0).get("LineItems").get(0);
        assertThat(line.get("TaxType").asText()).isEqualTo("BASEXCLUDED");
        assertThat(line.get("TaxAmount").decimalValue()).isZero();
    }

    @Test
    void aTaxTypeTheOrganisationDoesNotHaveIsRefused() {
        Organisation au = australian();
        String contact = au.activeContactNamed("Bayside Club").orElseThrow().id().toString();

        Exchange x = xero.api().put("/Invoices", "{\"Invoices\":[{\"Type\":\"ACCREC\",\"Contact\":{\"ContactID\":\"" + contact + "\"},"
                + "\"Date\":\"2026-03-02\",\"LineItems\":[{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":100,\"AccountCode\":\"200\","
                + "\"TaxType\":\"OUTPUT2\"}]}]}");

        assertThat(x.status()).isEqualTo(400);
        assertThat(x.body()).contains("ValidationException");
    }

    @Test
    void theStandaloneSandboxSeedsTheAustralianOrganisationOnRequest() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        XeroSandbox sandbox = io.fieldsync.accounting.sandbox.SandboxMain.start(new String[] {"--port", "0", "--country", "au"},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(" + AuDemoOrganisation.NAME + ")");
        } finally {
            sandbox.stop();
        }
    }
}
