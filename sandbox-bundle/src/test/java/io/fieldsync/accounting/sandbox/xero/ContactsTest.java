package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContactsTest {

    @RegisterExtension
    final SandboxFixture xero = new SandboxFixture();

    private static final String BUZZ = """
            {"Contacts":[{"Name":"Buzz Lightyear","AccountNumber":"12345-ABCD","EmailAddress":"buzzlightyear@email.com",
              "Addresses":[{"AddressType":"STREET","AddressLine1":"101 Green St","City":"San Francisco"}],
              "Phones":[{"PhoneType":"MOBILE","PhoneNumber":"555-1212","PhoneAreaCode":"415"}]}]}""";

    @Test
    void aSecondActiveContactWithTheSameNameIsRefusedInTheShapeOfXerosExample() throws IOException {
        assertThat(xero.api().put("/Contacts", BUZZ).status()).isEqualTo(200);

        Exchange dup = xero.api().put("/Contacts", BUZZ.replace("Buzz Lightyear", "buzz lightyear"));

        assertThat(dup.status()).isEqualTo(400);
        JsonNode body = dup.json();
        assertThat(body.get("ErrorNumber").asInt()).isEqualTo(10);
        assertThat(body.get("Type").asText()).isEqualTo("ValidationException");
        assertThat(body.get("Message").asText()).isEqualTo("A validation exception occurred");
        JsonNode element = body.get("Elements").get(0);
        assertThat(element.get("ContactID").asText()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(element.get("HasValidationErrors").asBoolean()).isTrue();
        assertThat(element.get("Addresses").get(0).get("ValidationErrors")).isEmpty();
        assertThat(element.get("ValidationErrors").get(0).get("Message").asText()).isEqualTo(
                "The contact name buzz lightyear is already assigned to another contact. "
                        + "The contact name must be unique across all active contacts.");
        String examples = System.getProperty(ContractCheck.EXAMPLES_DIR);
        if (examples != null) {
            JsonNode example = SandboxJson.parse(Files.readAllBytes(Path.of(examples, "xero-validation-error-contact-duplicate-name.json")));
            assertThat(fieldNames(body)).isEqualTo(fieldNames(example));
            assertThat(fieldNames(element)).containsAll(List.of("ContactID", "Name", "EmailAddress", "Addresses", "Phones",
                    "ContactGroups", "ContactPersons", "HasValidationErrors", "ValidationErrors"));
            assertThat(element.get("ValidationErrors").get(0).get("Message").asText().replace("buzz lightyear", "Buzz Lightyear"))
                    .isEqualTo(example.get("Elements").get(0).get("ValidationErrors").get(0).get("Message").asText());
        }
    }

    @Test
    void contactsAreFoundByEmailWithAWhereFilter() {
        Exchange x = xero.api().get("/Contacts?where=" + enc("EmailAddress==\"ACCOUNTS@ridgeway.example\""));

        assertThat(x.status()).isEqualTo(200);
        assertThat(x.json().get("Contacts")).hasSize(1);
        assertThat(x.json().get("Contacts").get(0).get("Name").asText()).isEqualTo("Ridgeway University");
    }

    @Test
    void theSearchTermMatchesNamesNumbersAndEmailsWithoutCase() {
        xero.api().put("/Contacts", "{\"Contacts\":[{\"Name\":\"Harbour Cafe\",\"ContactNumber\":\"FS-CUST-77\"}]}");

        assertThat(names(xero.api().get("/Contacts?searchTerm=RIDGEWAY"))).containsExactly("Ridgeway University");
        assertThat(names(xero.api().get("/Contacts?searchTerm=rockstar.com"))).containsExactly("Liam Gallagher");
        assertThat(names(xero.api().get("/Contacts?searchTerm=cust-77"))).containsExactly("Harbour Cafe");
        assertThat(names(xero.api().get("/Contacts?searchTerm=nobody"))).isEmpty();
    }

    @Test
    void pagesHoldTheRequestedNumberOfContactsWithPaginationFigures() {
        Exchange first = xero.api().get("/Contacts?page=1&pageSize=2");
        Exchange second = xero.api().get("/Contacts?page=2&pageSize=2");

        assertThat(names(first)).containsExactly("Bayside Club", "Liam Gallagher");
        assertThat(names(second)).containsExactly("Ridgeway University");
        JsonNode pagination = first.json().get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(1);
        assertThat(pagination.get("pageSize").asInt()).isEqualTo(2);
        assertThat(pagination.get("pageCount").asInt()).isEqualTo(2);
        assertThat(pagination.get("itemCount").asInt()).isEqualTo(3);
    }

    @Test
    void postUpdatesAContactByIdAndArchivingFreesItsName() {
        String id = xero.api().put("/Contacts", BUZZ).json().get("Contacts").get(0).get("ContactID").asText();

        Exchange archived = xero.api().post("/Contacts/" + id, "{\"Contacts\":[{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}]}");
        Exchange reused = xero.api().put("/Contacts", BUZZ);

        assertThat(archived.json().get("Contacts").get(0).get("ContactStatus").asText()).isEqualTo("ARCHIVED");
        assertThat(reused.status()).isEqualTo(200);
        assertThat(reused.json().get("Contacts").get(0).get("ContactID").asText()).isNotEqualTo(id);
        assertThat(names(xero.api().get("/Contacts?searchTerm=buzz"))).hasSize(1);
        assertThat(names(xero.api().get("/Contacts?searchTerm=buzz&includeArchived=true"))).hasSize(2);
    }

    @Test
    void anInvoiceForANewContactNameCreatesTheContactAndMarksItACustomer() {
        Exchange x = xero.api().put("/Invoices", """
                {"Invoices":[{"Type":"ACCREC","Contact":{"Name":"Walk-in Customer","EmailAddress":"walk@in.example"},
                  "Date":"2026-03-02","LineItems":[{"Description":"x","Quantity":1,"UnitAmount":5,"AccountCode":"200"}]}]}""");

        assertThat(x.status()).isEqualTo(200);
        JsonNode contact = xero.api().get("/Contacts?searchTerm=walk-in").json().get("Contacts").get(0);
        assertThat(contact.get("IsCustomer").asBoolean()).isTrue();
        assertThat(contact.get("EmailAddress").asText()).isEqualTo("walk@in.example");
        assertThat(contact.get("ContactID").asText()).isEqualTo(x.json().get("Invoices").get(0).get("Contact").get("ContactID").asText());
    }

    /** OpenAPI GET /Contacts: "includeArchived=true - Contacts with a status of ARCHIVED will be included"; IDs is no exception. */
    @Test
    void contactsReadByIdLeaveArchivedOnesOutUnlessIncludeArchivedIsAsked() {
        String id = xero.api().put("/Contacts", BUZZ).json().get("Contacts").get(0).get("ContactID").asText();
        xero.api().post("/Contacts/" + id, "{\"Contacts\":[{\"ContactID\":\"" + id + "\",\"ContactStatus\":\"ARCHIVED\"}]}");

        assertThat(names(xero.api().get("/Contacts?IDs=" + id))).isEmpty();
        assertThat(names(xero.api().get("/Contacts?IDs=" + id + "&includeArchived=true"))).containsExactly("Buzz Lightyear");
    }

    @Test
    void withoutAPageNumberContactsComeOneHundredAtATime() {
        StringBuilder many = new StringBuilder("{\"Contacts\":[");
        for (int i = 0; i < 120; i++) {
            many.append(i == 0 ? "" : ",").append("{\"Name\":\"Customer ").append(1000 + i).append("\"}");
        }
        assertThat(xero.api().put("/Contacts", many.append("]}").toString()).status()).isEqualTo(200);

        assertThat(names(xero.api().get("/Contacts?searchTerm=customer"))).hasSize(100);
        assertThat(names(xero.api().get("/Contacts?searchTerm=customer&page=2"))).hasSize(20);
    }

    private static List<String> names(Exchange x) {
        List<String> names = new ArrayList<>();
        x.json().get("Contacts").forEach(c -> names.add(c.get("Name").asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
