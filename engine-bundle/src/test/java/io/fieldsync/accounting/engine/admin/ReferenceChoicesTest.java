package io.fieldsync.accounting.engine.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.InvalidInputException;
import io.fieldsync.accounting.api.ProductCategory;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.ContactDecision;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceChoice;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteItem;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;
import io.fieldsync.accounting.api.spi.ProviderSession;
import io.fieldsync.accounting.engine.ScriptedProvider;
import io.fieldsync.accounting.engine.TestEngine;

/** Tax rates and items imported, each row linked by hand to a host tax rate or category, or left without one. */
class ReferenceChoicesTest {

    private static final CompanyId ACME = CompanyId.of("acme");
    private static final Mappings BEFORE = new Mappings(Map.of(ProductCategory.LABOUR, "200"), Map.of(ProductCategory.MATERIALS, "PIPE"),
            Map.of("GST", "OUTPUT2", "ZERO", "NONE"), null, "090", Map.of());

    @TempDir
    Path keys;

    private TestEngine engine;

    @BeforeEach
    void connect() {
        engine = new TestEngine(keys, "xero");
        engine.install(new ScriptedProvider("xero") {
            @Override
            public ReferenceData referenceData(ProviderSession session) {
                return new ReferenceData("Demo Plumbing Ltd", List.of(new RemoteAccount("a1", "200", "Sales", AccountType.REVENUE, true, false)),
                        List.of(new RemoteTaxRate("OUTPUT2", "GST on Income", new BigDecimal("15"), true, true),
                                new RemoteTaxRate("NONE", "No GST", BigDecimal.ZERO, true, true),
                                new RemoteTaxRate("OLDGST", "Old GST", new BigDecimal("12.5"), false, true)),
                        List.of(new RemoteItem("item-1", "PIPE", "Copper pipe", true), new RemoteItem("item-2", null, "Call-out", true),
                                new RemoteItem("item-3", "OLD", "Discontinued", false)),
                        engine.clock.instant());
            }
        });
        engine.connect(ACME);
        engine.setup.saveMappings(ACME, BEFORE);
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
    }

    @Test
    void mappedRowsLinkByHandAndIgnoredRowsRemoveTheMappingAndTheRestStays() {
        Mappings saved = engine.setup.applyReferenceChoices(ACME, List.of(
                new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, "PST", "OUTPUT2", ContactDecision.MAPPED),
                new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, "ZERO", null, ContactDecision.IGNORED),
                new ReferenceChoice(ReferenceChoice.Kind.ITEM, ProductCategory.LABOUR, "item-2", ContactDecision.MAPPED),
                new ReferenceChoice(ReferenceChoice.Kind.ITEM, ProductCategory.MATERIALS, null, ContactDecision.IGNORED)));

        assertThat(saved.taxRateByHostTaxRate()).isEqualTo(Map.of("GST", "OUTPUT2", "PST", "OUTPUT2"));
        assertThat(saved.itemByCategory()).isEqualTo(Map.of(ProductCategory.LABOUR, "item-2"));
        assertThat(saved.revenueAccountByCategory()).isEqualTo(BEFORE.revenueAccountByCategory());
        assertThat(engine.setup.mappings(ACME)).isEqualTo(saved);
    }

    @Test
    void aBadRowRefusesTheWholeCallNamingItAndNothingIsSaved() {
        ReferenceChoice good = new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, "PST", "OUTPUT2", ContactDecision.MAPPED);

        assertRefused(List.of(good, new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, "HST", "OLDGST", ContactDecision.MAPPED)),
                "choices[1].remoteKey", "no active tax rate");
        assertRefused(List.of(good, new ReferenceChoice(ReferenceChoice.Kind.ITEM, "Labour", "OLD", ContactDecision.MAPPED)),
                "choices[1].remoteKey", "no active item");
        assertRefused(List.of(good, new ReferenceChoice(ReferenceChoice.Kind.TAX_RATE, "PST", "NONE", ContactDecision.MAPPED)),
                "choices[1].hostValue", "twice");
        assertRefused(List.of(good, new ReferenceChoice(ReferenceChoice.Kind.ITEM, "Labour", null, ContactDecision.CREATE_IN_ACCOUNTING_SYSTEM)),
                "choices[1].decision", "MAPPED or IGNORED");
        assertRefused(List.of(good, new ReferenceChoice(ReferenceChoice.Kind.ITEM, " ", "PIPE", ContactDecision.MAPPED)),
                "choices[1].hostValue", "category");

        assertThat(engine.setup.mappings(ACME)).isEqualTo(BEFORE);
    }

    private void assertRefused(List<ReferenceChoice> choices, String field, String words) {
        assertThatThrownBy(() -> engine.setup.applyReferenceChoices(ACME, choices))
                .isInstanceOfSatisfying(InvalidInputException.class, refused -> assertThat(refused.field()).isEqualTo(field))
                .hasMessageContaining(words);
    }
}
