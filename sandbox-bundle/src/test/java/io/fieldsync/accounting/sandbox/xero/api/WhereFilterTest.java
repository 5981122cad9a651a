package io.fieldsync.accounting.sandbox.xero.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fieldsync.accounting.sandbox.SandboxJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WhereFilterTest {

    private static JsonNode invoice() {
        ObjectNode n = SandboxJson.object();
        n.put("Status", "AUTHORISED");
        n.put("Type", "ACCREC");
        n.put("AmountDue", new BigDecimal("12.50"));
        n.put("Date", "/Date(1552262400000+0000)/");
        n.putObject("Contact").put("ContactID", "430fa14a-f945-44d3-9f97-5df5e28441b8").put("Name", "Liam Gallagher");
        return n;
    }

    @Test
    void equalityComparesTextWithoutCaseAndFollowsDottedPaths() {
        assertThat(WhereFilter.parse("Status==\"authorised\"").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Contact.ContactID==Guid(\"430fa14a-f945-44d3-9f97-5df5e28441b8\")").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Status!=\"AUTHORISED\"").test(invoice())).isFalse();
    }

    @Test
    void andBindsTighterThanOrAndParenthesesRegroup() {
        assertThat(WhereFilter.parse("Type==\"ACCPAY\" AND Status==\"DRAFT\" OR AmountDue>10").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Type==\"ACCPAY\" AND (Status==\"DRAFT\" OR AmountDue>10)").test(invoice())).isFalse();
        assertThat(WhereFilter.parse("Type==\"ACCREC\" && AmountDue<=12.5").test(invoice())).isTrue();
    }

    @Test
    void containsNullAndDatesWork() {
        assertThat(WhereFilter.parse("Contact.Name.Contains(\"gall\")").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Reference==null").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Date>=DateTime(2019,03,11)").test(invoice())).isTrue();
        assertThat(WhereFilter.parse("Date>DateTime(2019,03,11)").test(invoice())).isFalse();
    }

    @Test
    void anUnparsableClauseIsAQueryParseException() {
        assertThatThrownBy(() -> WhereFilter.parse("Status=\"x\""))
                .isInstanceOfSatisfying(XeroApiException.class, e -> {
                    assertThat(e.response().status()).isEqualTo(400);
                    assertThat(new String(e.response().body())).contains("QueryParseException");
                });
    }

    /** Xero-Java issue #347: Xero answers a backslash-escaped or embedded quote with this body, whatever the escape. */
    @Test
    void aQuoteInsideAStringLiteralIsASyntaxErrorForXeroKnowsNoEscape() {
        for (String where : new String[] {"Name==\"Bob \\\"JJ\\\" Smith\"", "Name==\"asd\"asd'asd\"\"", "Name==\"Bob \"\"JJ\"\" Smith\""}) {
            assertThatThrownBy(() -> WhereFilter.parse(where)).as(where)
                    .isInstanceOfSatisfying(XeroApiException.class, e -> {
                        assertThat(e.response().status()).isEqualTo(400);
                        JsonNode body = json(e.response().body());
                        assertThat(body.get("ErrorNumber").asInt()).isEqualTo(16);
                        assertThat(body.get("Type").asText()).isEqualTo("QueryParseException");
                        assertThat(body.get("Message").asText()).isEqualTo("Syntax error");
                    });
        }
    }

    @Test
    void aBackslashInsideAStringLiteralIsAPlainCharacter() {
        ObjectNode contact = SandboxJson.object().put("Name", "A\\B Plumbing");

        assertThat(WhereFilter.parse("Name==\"a\\b plumbing\"").test(contact)).isTrue();
    }

    private static JsonNode json(byte[] body) {
        try {
            return SandboxJson.parse(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
