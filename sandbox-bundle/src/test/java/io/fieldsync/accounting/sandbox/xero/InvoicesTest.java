package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.xero.ledger.Contact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InvoicesTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private String liam() {
        Contact liam = xero.org().activeContactNamed("Liam Gallagher").orElseThrow();
        return liam.id().toString();
    }

    private String invoice(String number, String status, String lineAmountTypes, String lines) {
        return """
                {"Type":"ACCREC","Contact":{"ContactID":"%s"},"Date":"2026-03-01","DueDate":"2026-03-31",
                 %s"Status":"%s","LineAmountTypes":"%s","LineItems":[%s]}"""
                .formatted(liam(), number == null ? "" : "\"InvoiceNumber\":\"" + number + "\",", status, lineAmountTypes, lines);
    }

    private JsonNode createAuthorised(String number, String lines) {
        Exchange x = xero.api().put("/Invoices", "{\"Invoices\":[" + invoice(number, "AUTHORISED", "Exclusive", lines) + "]}");
        assertThat(x.status()).as(x.toString()).isEqualTo(200);
        return x.json().get("Invoices").get(0);
    }

    private static BigDecimal money(JsonNode node, String field) {
        return node.get(field).decimalValue();
    }

    @Test
    void anAuthorisedInvoiceGetsANumberAndTotalsComputedFromItsLines() {
        JsonNode inv = createAuthorised(null, """
                {"Description":"Acme Tires","Quantity":2,"UnitAmount":20,"AccountCode":"200","TaxType":"NONE"},
                {"ItemCode":"SVC-CALL","Quantity":1}""");

        assertThat(inv.get("InvoiceNumber").asText()).isEqualTo("INV-0001");
        assertThat(inv.get("Status").asText()).isEqualTo("AUTHORISED");
        assertThat(inv.get("StatusAttributeString").asText()).isEqualTo("OK");
        JsonNode service = inv.get("LineItems").get(1);
        assertThat(service.get("Description").asText()).isEqualTo("Service call-out");
        assertThat(service.get("AccountCode").asText()).isEqualTo("200");
        assertThat(service.get("TaxType").asText()).isEqualTo("OUTPUT2");
        assertThat(money(service, "TaxAmount")).isEqualByComparingTo("14.25");
        assertThat(money(inv, "SubTotal")).isEqualByComparingTo("135.00");
        assertThat(money(inv, "TotalTax")).isEqualByComparingTo("14.25");
        assertThat(money(inv, "Total")).isEqualByComparingTo("149.25");
        assertThat(money(inv, "AmountDue")).isEqualByComparingTo("149.25");
        assertThat(inv.get("Date").asText()).isEqualTo("/Date(1772323200000+0000)/");
        assertThat(inv.get("DateString").asText()).isEqualTo("2026-03-01T00:00:00");
        assertThat(inv.get("LineItems").get(0).get("LineItemID").asText()).hasSize(36);
    }

    @Test
    void inclusiveAndNoTaxAmountsAreTaxedPerLineAndRoundedToCents() {
        Exchange x = xero.api().put("/Invoices", "{\"Invoices\":["
                + invoice(null, "DRAFT", "Inclusive", """
                {"Description":"a","Quantity":1,"UnitAmount":115,"AccountCode":"200","TaxType":"OUTPUT2"},
                {"Description":"b","Quantity":3,"UnitAmount":33.33,"AccountCode":"200","TaxType":"OUTPUT2"}""")
                + "," + invoice(null, "DRAFT", "NoTax", """
                {"Description":"c","Quantity":3,"UnitAmount":33.33,"AccountCode":"200","TaxType":"OUTPUT2"}""")
                + "," + invoice(null, "DRAFT", "Exclusive", """
                {"Description":"d","Quantity":3,"UnitAmount":33.33,"AccountCode":"200","TaxType":"OUTPUT2","DiscountRate":10}""")
                + "]}");

        assertThat(x.status()).isEqualTo(200);
        JsonNode inclusive = x.json().get("Invoices").get(0);
        assertThat(money(inclusive.get("LineItems").get(0), "TaxAmount")).isEqualByComparingTo("15.00");
        assertThat(money(inclusive.get("LineItems").get(1), "TaxAmount")).isEqualByComparingTo("13.04"); // 99.99*15/115
        assertThat(money(inclusive, "Total")).isEqualByComparingTo("214.99");
        assertThat(money(inclusive, "TotalTax")).isEqualByComparingTo("28.04");
        assertThat(money(inclusive, "SubTotal")).isEqualByComparingTo("186.95");
        JsonNode noTax = x.json().get("Invoices").get(1);
        assertThat(money(noTax, "TotalTax")).isEqualByComparingTo("0.00");
        assertThat(money(noTax, "Total")).isEqualByComparingTo("99.99");
        JsonNode discounted = x.json().get("Invoices").get(2);
        assertThat(money(discounted.get("LineItems").get(0), "LineAmount")).isEqualByComparingTo("89.99"); // 99.99*0.9=89.991
        assertThat(money(discounted, "TotalTax")).isEqualByComparingTo("13.50"); // 89.99*0.15=13.4985
        assertThat(money(discounted, "TotalDiscount")).isEqualByComparingTo("10.00");
        assertThat(discounted.get("IsDiscounted").asBoolean()).isTrue();
    }

    @Test
    void withSummarizeErrorsFalseEachInvoiceGetsItsOwnOutcomeAndTheValidOnesAreSaved() {
        Exchange x = xero.api().put("/Invoices?summarizeErrors=false", "{\"Invoices\":["
                + invoice("FS-1", "AUTHORISED", "Exclusive", "{\"Description\":\"ok\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}")
                + "," + invoice("FS-2", "AUTHORISED", "Exclusive", "{\"Description\":\"bad\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"999\"}")
                + "]}");

        assertThat(x.status()).isEqualTo(200);
        JsonNode ok = x.json().get("Invoices").get(0);
        JsonNode bad = x.json().get("Invoices").get(1);
        assertThat(ok.get("StatusAttributeString").asText()).isEqualTo("OK");
        assertThat(ok.get("InvoiceID").asText()).hasSize(36);
        assertThat(bad.get("StatusAttributeString").asText()).isEqualTo("ERROR");
        assertThat(bad.get("HasErrors").asBoolean()).isTrue();
        assertThat(bad.get("ValidationErrors").get(0).get("Message").asText())
                .isEqualTo("Account code '999' is not a valid code for this document.");
        assertThat(bad.has("InvoiceID")).isFalse();
        JsonNode listed = xero.api().get("/Invoices?InvoiceNumbers=FS-1,FS-2").json().get("Invoices");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("InvoiceNumber").asText()).isEqualTo("FS-1");
    }

    @Test
    void inTheDefaultSummarisedModeOneBadInvoiceFailsTheRequestWith400AndNothingIsSaved() {
        Exchange x = xero.api().put("/Invoices", "{\"Invoices\":["
                + invoice("FS-1", "AUTHORISED", "Exclusive", "{\"Description\":\"ok\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}")
                + "," + invoice("FS-2", "AUTHORISED", "Exclusive", "{\"Description\":\"bad\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT\"}")
                + "]}");

        assertThat(x.status()).isEqualTo(400);
        JsonNode body = x.json();
        assertThat(body.get("ErrorNumber").asInt()).isEqualTo(10);
        assertThat(body.get("Type").asText()).isEqualTo("ValidationException");
        assertThat(body.get("Message").asText()).isEqualTo("A validation exception occurred");
        assertThat(body.get("Elements")).hasSize(1);
        assertThat(body.get("Elements").get(0).get("InvoiceNumber").asText()).isEqualTo("FS-2");
        assertThat(body.get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText())
                .contains("'OUTPUT'");
        assertThat(xero.api().get("/Invoices").json().get("Invoices")).isEmpty();
    }

    @Test
    void aSecondSalesInvoiceWithTheSameNumberIsRefused() {
        createAuthorised("FS-1001", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}");

        Exchange again = xero.api().put("/Invoices", "{\"Invoices\":["
                + invoice("FS-1001", "DRAFT", "Exclusive", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}") + "]}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText())
                .isEqualTo("Invoice # must be unique.");
        assertThat(xero.api().get("/Invoices?InvoiceNumbers=FS-1001").json().get("Invoices")).hasSize(1);
    }

    @Test
    void aPartPaymentLeavesTheInvoiceAuthorisedAndTheRestMakesItPaid() {
        JsonNode inv = createAuthorised("FS-7", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":200,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}");
        String id = inv.get("InvoiceID").asText();

        Exchange first = xero.api().put("/Payments", """
                {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":100.00,"Reference":"card"}]}"""
                .formatted(id));
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode payment = first.json().get("Payments").get(0);
        assertThat(payment.get("PaymentType").asText()).isEqualTo("ACCRECPAYMENT");
        assertThat(payment.get("Account").get("Code").asText()).isEqualTo("090");
        JsonNode part = xero.api().get("/Invoices/" + id).json().get("Invoices").get(0);
        assertThat(part.get("Status").asText()).isEqualTo("AUTHORISED");
        assertThat(money(part, "AmountPaid")).isEqualByComparingTo("100.00");
        assertThat(money(part, "AmountDue")).isEqualByComparingTo("130.00");
        assertThat(part.has("FullyPaidOnDate")).isFalse();

        Exchange rest = xero.api().put("/Payments", """
                {"Payments":[{"Invoice":{"InvoiceNumber":"FS-7"},"Account":{"Code":"615"},"Date":"2026-03-09","Amount":130.00}]}""");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode paid = xero.api().get("/Invoices/" + id).json().get("Invoices").get(0);
        assertThat(paid.get("Status").asText()).isEqualTo("PAID");
        assertThat(money(paid, "AmountDue")).isEqualByComparingTo("0.00");
        assertThat(paid.get("FullyPaidOnDate").asText()).isEqualTo("/Date(1773014400000+0000)/");
        assertThat(paid.get("Payments")).hasSize(2);
    }

    @Test
    void aPaymentAboveTheAmountDueIsAnElementErrorAndChangesNothing() {
        String id = createAuthorised(null, "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":200,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}")
                .get("InvoiceID").asText();
        String overpay = """
                {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":230.01}]}""".formatted(id);

        Exchange perElement = xero.api().put("/Payments?summarizeErrors=false", overpay);
        Exchange summarised = xero.api().put("/Payments", overpay);

        assertThat(perElement.status()).isEqualTo(200);
        JsonNode element = perElement.json().get("Payments").get(0);
        assertThat(element.get("HasValidationErrors").asBoolean()).isTrue();
        assertThat(element.get("ValidationErrors").get(0).get("Message").asText())
                .isEqualTo("Payment amount exceeds the amount outstanding on this document");
        assertThat(summarised.status()).isEqualTo(400);
        assertThat(summarised.json().get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText())
                .isEqualTo("Payment amount exceeds the amount outstanding on this document");
        assertThat(money(xero.api().get("/Invoices/" + id).json().get("Invoices").get(0), "AmountDue")).isEqualByComparingTo("230.00");
    }

    @Test
    void paymentsGoOnlyToBankAccountsOrAccountsThatAcceptPaymentsAndOnlyOnAuthorisedInvoices() {
        String authorised = createAuthorised(null, "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":50,\"AccountCode\":\"200\"}")
                .get("InvoiceID").asText();
        String draft = xero.api().put("/Invoices", "{\"Invoices\":[" + invoice(null, "DRAFT", "Exclusive",
                "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":50,\"AccountCode\":\"200\"}") + "]}")
                .json().get("Invoices").get(0).get("InvoiceID").asText();

        Exchange x = xero.api().put("/Payments?summarizeErrors=false", """
                {"Payments":[
                  {"Invoice":{"InvoiceID":"%1$s"},"Account":{"Code":"200"},"Date":"2026-03-05","Amount":1},
                  {"Invoice":{"InvoiceID":"%2$s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":1},
                  {"Invoice":{"InvoiceID":"%1$s"},"Account":{"Code":"615"},"Date":"2026-03-05","Amount":1}]}"""
                .formatted(authorised, draft));

        JsonNode results = x.json().get("Payments");
        assertThat(results.get(0).get("ValidationErrors").get(0).get("Message").asText()).contains("BANK accounts");
        assertThat(results.get(1).get("ValidationErrors").get(0).get("Message").asText()).contains("Authorised documents");
        assertThat(results.get(2).get("StatusAttributeString").asText()).isEqualTo("OK");
    }

    @Test
    void allocatingACreditNoteReducesTheInvoicesAmountDueAndTheCreditNotesRemainingCredit() {
        String invoiceId = createAuthorised("FS-20", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":100,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}")
                .get("InvoiceID").asText();
        Exchange credit = xero.api().put("/CreditNotes", """
                {"CreditNotes":[{"Type":"ACCRECCREDIT","Contact":{"ContactID":"%s"},"Date":"2026-03-03","Status":"AUTHORISED",
                  "LineAmountTypes":"Exclusive","LineItems":[{"Description":"refund","Quantity":1,"UnitAmount":40,"AccountCode":"200","TaxType":"OUTPUT2"}]}]}"""
                .formatted(liam()));
        assertThat(credit.status()).as(credit.toString()).isEqualTo(200);
        JsonNode note = credit.json().get("CreditNotes").get(0);
        assertThat(money(note, "RemainingCredit")).isEqualByComparingTo("46.00");
        String noteId = note.get("CreditNoteID").asText();

        Exchange tooMuch = xero.api().put("/CreditNotes/" + noteId + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":46.01,\"Date\":\"2026-03-04\"}]}");
        Exchange allocation = xero.api().put("/CreditNotes/" + noteId + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":30.00,\"Date\":\"2026-03-04\"}]}");

        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(allocation.status()).as(allocation.toString()).isEqualTo(200);
        assertThat(money(allocation.json().get("Allocations").get(0), "Amount")).isEqualByComparingTo("30.00");
        JsonNode inv = xero.api().get("/Invoices/" + invoiceId).json().get("Invoices").get(0);
        assertThat(money(inv, "AmountCredited")).isEqualByComparingTo("30.00");
        assertThat(money(inv, "AmountDue")).isEqualByComparingTo("85.00");
        assertThat(inv.get("CreditNotes").get(0).get("CreditNoteID").asText()).isEqualTo(noteId);
        JsonNode after = xero.api().get("/CreditNotes/" + noteId).json().get("CreditNotes").get(0);
        assertThat(money(after, "RemainingCredit")).isEqualByComparingTo("16.00");

        Exchange exceedsDue = xero.api().put("/CreditNotes/" + noteId + "/Allocations?summarizeErrors=false",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":16.00,\"Date\":\"2026-03-04\"}]}");
        assertThat(exceedsDue.json().get("Allocations").get(0).get("StatusAttributeString").asText()).isEqualTo("OK");
        assertThat(xero.api().get("/CreditNotes/" + noteId).json().get("CreditNotes").get(0).get("Status").asText()).isEqualTo("PAID");
    }

    @Test
    void invoicesAreFoundByNumberByIdAndByModificationTime() {
        String first = createAuthorised("FS-A", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":1,\"AccountCode\":\"200\"}").get("InvoiceID").asText();
        xero.clock().advance(Duration.ofMinutes(10));
        String second = createAuthorised("FS-B", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":1,\"AccountCode\":\"200\"}").get("InvoiceID").asText();

        assertThat(xero.api().get("/Invoices?InvoiceNumbers=FS-B").json().get("Invoices").get(0).get("InvoiceID").asText()).isEqualTo(second);
        assertThat(xero.api().get("/Invoices?IDs=" + first).json().get("Invoices").get(0).get("InvoiceNumber").asText()).isEqualTo("FS-A");
        JsonNode changed = xero.api().api("GET", "/Invoices")
                .header("If-Modified-Since", "2026-03-02T09:05:00.000+00:00").send().json().get("Invoices");
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).get("InvoiceNumber").asText()).isEqualTo("FS-B");
        assertThat(changed.get(0).has("LineItems")).as("several invoices without paging come without lines").isFalse();
        JsonNode paged = xero.api().get("/Invoices?page=1&where=" + java.net.URLEncoder.encode("InvoiceNumber==\"FS-A\"", java.nio.charset.StandardCharsets.UTF_8)).json();
        assertThat(paged.get("Invoices")).hasSize(1);
        assertThat(paged.get("Invoices").get(0).get("LineItems")).hasSize(1);
        assertThat(paged.get("pagination").get("itemCount").asInt()).isEqualTo(1);
    }

    @Test
    void statusesMoveOnlyAlongXerosTransitions() {
        String draft = xero.api().put("/Invoices", "{\"Invoices\":[" + invoice("FS-D", "DRAFT", "Exclusive",
                "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}") + "]}")
                .json().get("Invoices").get(0).get("InvoiceID").asText();
        String body = "{\"Invoices\":[{\"InvoiceID\":\"%s\",\"Status\":\"%s\"}]}";

        assertThat(xero.api().post("/Invoices/" + draft, body.formatted(draft, "AUTHORISED")).status()).isEqualTo(200);
        Exchange deleteApproved = xero.api().post("/Invoices/" + draft, body.formatted(draft, "DELETED"));
        assertThat(deleteApproved.status()).isEqualTo(400);
        assertThat(deleteApproved.json().get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText())
                .contains("from AUTHORISED to DELETED");
        xero.api().put("/Payments", """
                {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":1}]}""".formatted(draft));
        Exchange voidPaid = xero.api().post("/Invoices", body.formatted(draft, "VOIDED"));
        assertThat(voidPaid.status()).isEqualTo(400);
        assertThat(voidPaid.json().get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText())
                .contains("payment or credit note allocated");
        String other = xero.api().put("/Invoices", "{\"Invoices\":[" + invoice(null, "SUBMITTED", "Exclusive",
                "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\"}") + "]}")
                .json().get("Invoices").get(0).get("InvoiceID").asText();
        Exchange deleted = xero.api().post("/Invoices/" + other, body.formatted(other, "DELETED"));
        assertThat(deleted.json().get("Invoices").get(0).get("Status").asText()).isEqualTo("DELETED");
        assertThat(deleted.json().get("Invoices").get(0).get("AmountDue").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void deletingAPaymentReopensThePaidInvoiceWhichCanThenBeVoided() {
        String id = createAuthorised("FS-30", "{\"Description\":\"x\",\"Quantity\":1,\"UnitAmount\":20,\"AccountCode\":\"200\",\"TaxType\":\"NONE\"}")
                .get("InvoiceID").asText();
        String paymentId = xero.api().put("/Payments", """
                {"Payments":[{"Invoice":{"InvoiceID":"%s"},"Account":{"Code":"090"},"Date":"2026-03-05","Amount":20}]}""".formatted(id))
                .json().get("Payments").get(0).get("PaymentID").asText();
        assertThat(xero.api().get("/Invoices/" + id).json().get("Invoices").get(0).get("Status").asText()).isEqualTo("PAID");

        Exchange deleted = xero.api().post("/Payments/" + paymentId, "{\"Status\":\"DELETED\"}");
        JsonNode reopened = xero.api().get("/Invoices/" + id).json().get("Invoices").get(0);
        Exchange voided = xero.api().post("/Invoices/" + id, "{\"Invoices\":[{\"InvoiceID\":\"" + id + "\",\"Status\":\"VOIDED\"}]}");

        assertThat(deleted.json().get("Payments").get(0).get("Status").asText()).isEqualTo("DELETED");
        assertThat(reopened.get("Status").asText()).isEqualTo("AUTHORISED");
        assertThat(money(reopened, "AmountDue")).isEqualByComparingTo("20.00");
        assertThat(reopened.get("Payments")).isEmpty();
        assertThat(reopened.has("FullyPaidOnDate")).isFalse();
        assertThat(voided.json().get("Invoices").get(0).get("Status").asText()).isEqualTo("VOIDED");
    }

    @Test
    void aBodyThatIsNotJsonIsAPostDataInvalidException() {
        Exchange x = xero.api().api("PUT", "/Invoices").json("{\"Invoices\":[").offContract().send();

        assertThat(x.status()).isEqualTo(400);
        assertThat(x.json().get("Type").asText()).isEqualTo("PostDataInvalidException");
        assertThat(x.json().get("ErrorNumber").asInt()).isEqualTo(14);
    }
}
