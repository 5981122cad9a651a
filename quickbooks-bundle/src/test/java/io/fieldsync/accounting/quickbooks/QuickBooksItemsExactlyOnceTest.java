package io.fieldsync.accounting.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fieldsync.accounting.api.AmountType;
import io.fieldsync.accounting.api.Invoice;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.spi.InvoicePush;
import io.fieldsync.accounting.api.spi.OutcomeStatus;
import io.fieldsync.accounting.api.spi.PushOutcome;

/**
 * The items QBO lines need are created before the invoices that name them: a lost answer to that creation is an
 * unknown outcome like any other. The items are looked up by name before anything is written again, so the invoices
 * are never failed for it and no item is created twice (QBO would refuse the second one with 6240 anyway).
 */
class QuickBooksItemsExactlyOnceTest extends QboSandboxTestBase {

    @Test
    void invoicesWhoseItemsWereCreatedButTheAnswerLostAreSentInTheSamePushWithEachItemOnce() {
        String customer = customerId("Northside Electrical");
        List<InvoicePush> pushes = IntStream.range(0, 25).mapToObj(i -> invoicePush(invoice("I-" + i, "FS-80" + String.format("%02d", i),
                ProductCategory.LABOUR), customer)).toList();
        // the item batch is applied and its answer lost, and so is the JDK's own resend of the dropped POST
        sandbox.dropConnectionAfterApply(2);

        List<PushOutcome> outcomes = provider.documents().pushInvoices(session, pushes);

        assertThat(outcomes).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(25);
        assertThat(itemsNamed()).containsEntry(ProductCategory.LABOUR, 1L).containsEntry(ProductCategory.MATERIALS, 1L);
    }

    @Test
    void anItemCreationThatFailedUnseenLeavesTheInvoicesUnknownNotFailedAndTheNextAttemptCreatesItOnce() {
        String customer = customerId("Northside Electrical");
        // the lists are read and the Materials item made by an earlier push; the next call is the Labour item's creation
        assertThat(provider.documents().pushInvoices(session, List.of(invoicePush(only("I-M", ProductCategory.MATERIALS), customer))))
                .extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        List<InvoicePush> first = IntStream.range(0, 3).mapToObj(i -> invoicePush(invoice("I-" + i, "FS-81" + i, ProductCategory.LABOUR),
                customer)).toList();
        sandbox.failNext(1, 503);

        List<PushOutcome> waiting = provider.documents().pushInvoices(session, first);
        List<PushOutcome> resent = provider.documents().pushInvoices(session, first.stream().map(push -> session.invoicePush(push.document(),
                key(push.document().hostId() + "-again"), push.invoice(), customer, null, true)).toList());

        assertThat(waiting).extracting(PushOutcome::status).containsOnly(OutcomeStatus.UNKNOWN);
        assertThat(waiting).allSatisfy(outcome -> assertThat(outcome.error().message()).contains("item"));
        assertThat(resent).extracting(PushOutcome::status).containsOnly(OutcomeStatus.SYNCED);
        assertThat(sandbox.counts(realm.realmId()).invoices()).isEqualTo(4);
        assertThat(itemsNamed()).containsEntry(ProductCategory.LABOUR, 1L).containsEntry(ProductCategory.MATERIALS, 1L);
    }

    @Test
    void anItemAnotherNodeCreatedMeanwhileIsReadAfterQuickBooksRefusesItsNameAgainAndTheInvoiceGoesOut() {
        String customer = customerId("Northside Electrical");
        // this node read the lists (and made the Materials item) before the Labour item existed
        provider.documents().pushInvoices(session, List.of(invoicePush(only("I-M", ProductCategory.MATERIALS), customer)));
        QboDirect otherNode = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        String labourAccount = accountId(otherNode, "4100");
        String held = otherNode.post("/item", "{\"Name\":\"Labour\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"" + labourAccount + "\"}}")
                .path("Item").path("Id").asText();

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-8201", ProductCategory.LABOUR),
                customer))).get(0);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.SYNCED);
        assertThat(itemsNamed()).containsEntry(ProductCategory.LABOUR, 1L);
        List<String> itemRefs = new ArrayList<>();
        otherNode.query("select * from Invoice where DocNumber = 'FS-8201'").path("Invoice").path(0).path("Line")
                .forEach(line -> itemRefs.add(line.path("SalesItemLineDetail").path("ItemRef").path("value").asText()));
        assertThat(itemRefs).as("the labour line names the item the other node made").contains(held);
    }

    @Test
    void anItemWhoseNameIsHeldByAnItemOfAnotherAccountStillNamesTheMappingToFix() {
        String customer = customerId("Northside Electrical");
        provider.documents().pushInvoices(session, List.of(invoicePush(only("I-M", ProductCategory.MATERIALS), customer)));
        QboDirect otherApp = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken());
        otherApp.post("/item", "{\"Name\":\"Labour\",\"Type\":\"Service\",\"IncomeAccountRef\":{\"value\":\"" + accountId(otherApp, "4200") + "\"}}");

        PushOutcome outcome = provider.documents().pushInvoices(session, List.of(invoicePush(invoice("I-1", "FS-8301", ProductCategory.LABOUR),
                customer))).get(0);

        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(OutcomeStatus.FAILED);
        assertThat(outcome.error().message()).contains("Category Labour needs a QuickBooks item");
        assertThat(itemsNamed()).containsEntry(ProductCategory.LABOUR, 1L);
    }

    // ---- helpers

    /** How many active items of each name the company holds. */
    private Map<String, Long> itemsNamed() {
        JsonNode items = new QboDirect(sandbox.apiUrl(), realm.realmId(), session.accessToken()).query("select * from Item").path("Item");
        List<String> names = new ArrayList<>();
        items.forEach(item -> names.add(item.path("Name").asText()));
        return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String accountId(QboDirect direct, String number) {
        for (JsonNode account : direct.query("select * from Account").path("Account")) {
            if (number.equals(account.path("AcctNum").asText())) {
                return account.path("Id").asText();
            }
        }
        throw new AssertionError("no account numbered " + number);
    }

    /** An invoice of one line of {@code category}, GST on top. */
    private static Invoice only(String hostId, String category) {
        return new Invoice(hostId, null, customer("C-N"), DAY, DAY.plusDays(14), AUD, null, AmountType.TAX_EXCLUSIVE, List.of(
                InvoiceLine.of("Copper fittings", new BigDecimal("4"), new BigDecimal("12.50"), category, List.of("GST"))), "JOB-" + hostId);
    }
}
