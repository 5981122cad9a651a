package io.fieldsync.accounting.sandbox.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class HttpCallTest {

    @Test
    void pathsAreDecodedOnceAsUtf8LikeUriGetPathDoes() {
        for (String raw : new String[] {"/api.xro/2.0/Invoices/INV%2D0001", "/Contacts/Caf%C3%A9%20Ltd", "/a+b", "/plain", ""}) {
            assertThat(HttpCall.decodePath(raw)).as(raw).isEqualTo(URI.create(raw).getPath());
        }
    }

    @Test
    void aBrokenEscapeStaysAsItIs() {
        assertThat(HttpCall.decodePath("/x%2")).isEqualTo("/x%2");
        assertThat(HttpCall.decodePath("/x%zz/%41")).isEqualTo("/x%zz/A");
        assertThat(HttpCall.decodePath(null)).isEmpty();
    }
}
