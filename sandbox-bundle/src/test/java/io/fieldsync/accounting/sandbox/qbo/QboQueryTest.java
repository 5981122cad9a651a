package io.fieldsync.accounting.sandbox.qbo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fieldsync.accounting.sandbox.testing.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static io.fieldsync.accounting.sandbox.qbo.QboFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

class QboQueryTest {

    @RegisterExtension
    final QboFixture fx = new QboFixture();

    @Test
    void theGrammarOfTheAgreementWorks() {
        fx.invoice("A-1", "1", "10");
        fx.clock().advance(Duration.ofMinutes(5));
        fx.invoice("A-2", "1", "20");
        fx.invoice("B-3", "1", "30");

        assertThat(docNumbers("select * from Invoice orderby DocNumber desc")).containsExactly("B-3", "A-2", "A-1");
        assertThat(docNumbers("SELECT * FROM Invoice WHERE DocNumber LIKE 'A%' ORDERBY Id")).containsExactly("A-1", "A-2");
        assertThat(docNumbers("select * from Invoice where DocNumber in ('A-1','B-3')")).containsExactly("A-1", "B-3");
        assertThat(docNumbers("select * from Invoice where MetaData.LastUpdatedTime > '2026-03-02T01:01:00-08:00'"))
                .containsExactly("A-2", "B-3");
        assertThat(docNumbers("select * from Invoice where CustomerRef = '1' and TxnDate >= '2026-03-02' startposition 2 maxresults 1"))
                .containsExactly("A-2");
        assertThat(fx.api().query("select count(*) from Invoice").json().get("QueryResponse").get("totalCount").asInt()).isEqualTo(3);
    }

    @Test
    void aPageCarriesStartPositionAndMaxResultsAndAnEmptyResultHasNoEntityKey() {
        JsonNode page = fx.api().query("select * from Customer startposition 2 maxresults 5").json().get("QueryResponse");
        JsonNode empty = fx.api().query("select * from Invoice").json();

        assertThat(page.get("startPosition").asInt()).isEqualTo(2);
        assertThat(page.get("maxResults").asInt()).isEqualTo(2);
        assertThat(empty.get("QueryResponse").isEmpty()).isTrue();
        assertThat(empty.get("time").asText()).isNotBlank();
    }

    @Test
    void aBrokenQueryIsAParserError() {
        Exchange x = fx.api().query("select * from Invoice where DocNumber = unquoted");
        Exchange tooMany = fx.api().query("select * from Invoice maxresults 1001");
        Exchange unknown = fx.api().query("select * from Bill");

        assertThat(x.status()).isEqualTo(400);
        assertThat(error(x).get("code").asText()).isEqualTo("4000");
        assertThat(error(tooMany).get("code").asText()).isEqualTo("4000");
        assertThat(error(unknown).get("code").asText()).isEqualTo("4001");
    }

    @Test
    void aPropertyIntuitDoesNotMarkFilterableIsRefusedWith4001AsQboRefusesIt() {
        Exchange email = fx.api().query("select * from Customer where PrimaryEmailAddr in ('a@b.example')");
        Exchange note = fx.api().query("select * from Invoice where PrivateNote = 'x'");
        Exchange number = fx.api().query("select * from Account where AcctNum = '4100'");
        Exchange inBatch = fx.api().post("/batch", """
                {"BatchItemRequest":[{"bId":"1","Query":"select * from Payment where PaymentRefNum = 'R-1'"}]}""");

        assertThat(email.status()).isEqualTo(400);
        assertThat(error(email).get("code").asText()).isEqualTo("4001");
        assertThat(error(email).get("Message").asText()).isEqualTo("Invalid query");
        assertThat(error(email).get("Detail").asText()).isEqualTo("QueryValidationError: property 'PrimaryEmailAddr' is not queryable");
        assertThat(error(note).get("Detail").asText()).isEqualTo("QueryValidationError: property 'PrivateNote' is not queryable");
        assertThat(error(number).get("code").asText()).isEqualTo("4001");
        assertThat(inBatch.json().get("BatchItemResponse").get(0).get("Fault").get("Error").get(0).get("code").asText()).isEqualTo("4001");
        assertThat(fx.api().query("select * from Customer where Active = false and DisplayName in ('x')").status()).isEqualTo(200);
        assertThat(fx.api().query("select * from Item where Name = 'Labour' and Type = 'Service'").status()).isEqualTo(200);
    }

    private java.util.List<String> docNumbers(String query) {
        Exchange x = fx.api().query(query);
        assertThat(x.status()).as(x.body()).isEqualTo(200);
        java.util.List<String> out = new java.util.ArrayList<>();
        x.json().get("QueryResponse").path("Invoice").forEach(i -> out.add(i.get("DocNumber").asText()));
        return out;
    }
}
