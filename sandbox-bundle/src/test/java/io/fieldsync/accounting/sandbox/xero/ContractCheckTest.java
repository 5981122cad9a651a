package io.fieldsync.accounting.sandbox.xero;

import io.fieldsync.accounting.sandbox.testing.Exchange;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Proves that the vendor-contract profile switches on where ../shared exists, and that the contract check is not
 * vacuous: it refuses what the spec does not declare and lets through only the named trap-9 fields.
 */
class ContractCheckTest {

    private static final Path SHARED_SPEC = Path.of("").toAbsolutePath()
            .resolve("../../shared/reference/specs/xero-openapi-xero_accounting.yaml").normalize();

    @Test
    void theVendorContractProfileIsActiveWhereTheSharedReferenceExists() {
        assumeTrue(Files.exists(SHARED_SPEC), "no ../shared beside the project: the profile is rightly off");

        assertThat(System.getProperty(ContractCheck.ACCOUNTING_SPEC)).as("set by the vendor-contract profile").isNotNull();
        assertThat(Path.of(System.getProperty(ContractCheck.ACCOUNTING_SPEC)).toAbsolutePath().normalize()).isEqualTo(SHARED_SPEC);
        assertThat(ContractCheck.ifEnabled()).isPresent();
    }

    @Test
    void theSpecsOwnInvoiceExampleConformsOnceTheNamedUndeclaredFieldsAreAllowed() throws IOException {
        ContractCheck check = enabledCheck();
        String body = example("xero-invoice-create-response.json");

        assertThat(check.violations(putInvoicesAnswered(200, body))).isEmpty();
    }

    @Test
    void aFieldOutsideTheNamedListIsAViolation() throws IOException {
        ContractCheck check = enabledCheck();
        String body = example("xero-invoice-create-response.json")
                .replace("\"InvoiceNumber\": \"INV-0007\",", "\"InvoiceNumber\": \"INV-0007\", \"Bogus\": 1,");

        List<String> violations = check.violations(putInvoicesAnswered(200, body));

        assertThat(violations).singleElement().asString().contains("additionalProperties").contains("Bogus");
    }

    @Test
    void aFieldOfTheWrongTypeIsAViolation() throws IOException {
        ContractCheck check = enabledCheck();
        String body = example("xero-invoice-create-response.json").replace("\"AmountDue\": 40.0", "\"AmountDue\": \"forty\"");

        assertThat(check.violations(putInvoicesAnswered(200, body))).anySatisfy(v -> assertThat(v).contains("AmountDue"));
    }

    @Test
    void theSpecsOwnAllocationExampleCarriesACreditNoteFieldTheSpecDoesNotDeclare() throws IOException {
        ContractCheck check = enabledCheck();
        Exchange x = new Exchange("PUT",
                URI.create("http://sandbox/api.xro/2.0/CreditNotes/7be578f5-63af-45c8-9b00-dcc4732baf0b/Allocations"),
                Map.of("xero-tenant-id", List.of("t"), "Content-Type", List.of("application/json")),
                example("xero-creditnote-allocation-request.json"), 200,
                Map.of("Content-Type", List.of("application/json")),
                example("xero-creditnote-allocation-response.json").getBytes(StandardCharsets.UTF_8), false);

        assertThat(check.violations(x)).singleElement().asString()
                .contains("/Allocations/0/CreditNote").contains("\"ID\"");
    }

    private static ContractCheck enabledCheck() {
        assumeTrue(ContractCheck.ifEnabled().isPresent(), "the vendor-contract profile is off");
        return ContractCheck.ifEnabled().get();
    }

    private static String example(String name) throws IOException {
        return Files.readString(Path.of(System.getProperty(ContractCheck.EXAMPLES_DIR), name));
    }

    private static Exchange putInvoicesAnswered(int status, String body) throws IOException {
        return new Exchange("PUT", URI.create("http://sandbox/api.xro/2.0/Invoices"),
                Map.of("xero-tenant-id", List.of("t"), "Content-Type", List.of("application/json")),
                example("xero-invoice-create-request.json"), status,
                Map.of("Content-Type", List.of("application/json")), body.getBytes(StandardCharsets.UTF_8), false);
    }
}
