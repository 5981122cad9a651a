package io.fieldsync.accounting.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fieldsync.accounting.api.DocumentKind;

/** ProviderLimits and ProviderDescriptor. */
class ProviderDescriptionTest {

    private static ProviderLimits xeroLimits() {
        return new ProviderLimits(60, 5, 5000, 10000, Map.of(DocumentKind.INVOICE, 50, DocumentKind.PAYMENT, 50));
    }

    @Test
    void batchSizeOfAKindWithoutOneIsOne() {
        ProviderLimits limits = xeroLimits();

        assertThat(limits.batchSize(DocumentKind.CREDIT_NOTE)).isEqualTo(1);
        assertThat(limits.batchSize(DocumentKind.CUSTOMER)).isEqualTo(1);
    }

    @Test
    void batchSizeOfAKindWithOneIsThatSize() {
        assertThat(xeroLimits().batchSize(DocumentKind.INVOICE)).isEqualTo(50);
    }

    @Test
    void withoutBatchSizesEveryKindGoesOneAtATime() {
        ProviderLimits limits = new ProviderLimits(500, 10, 100000, 0, null);

        for (DocumentKind kind : DocumentKind.values()) {
            assertThat(limits.batchSize(kind)).as(kind.name()).isEqualTo(1);
        }
        assertThat(limits.batchSizes()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void nonPositiveBatchSizeIsRefused(int size) {
        assertThatThrownBy(() -> new ProviderLimits(60, 5, 5000, 0, Map.of(DocumentKind.INVOICE, size)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch sizes must be positive: " + size);
    }

    @Test
    void nonPositiveCallLimitsAreRefusedButNoAppLimitIsAllowed() {
        assertThatThrownBy(() -> new ProviderLimits(0, 5, 5000, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderLimits(60, 0, 5000, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderLimits(60, 5, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProviderLimits(60, 5, 5000, -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProviderLimits(60, 5, 5000, 0, null).appCallsPerMinute()).isZero();
    }

    @Test
    void batchSizesAreCopiedImmutably() {
        Map<DocumentKind, Integer> sizes = new EnumMap<>(DocumentKind.class);
        sizes.put(DocumentKind.INVOICE, 30);
        ProviderLimits limits = new ProviderLimits(500, 10, 100000, 0, sizes);

        sizes.put(DocumentKind.INVOICE, 1000);

        assertThat(limits.batchSize(DocumentKind.INVOICE)).isEqualTo(30);
        assertThatThrownBy(() -> limits.batchSizes().put(DocumentKind.PAYMENT, 2))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xero!", "Xero", "xero!", "", "1xero", "-xero", "quick books", "qbo_online",
            "a-provider-id-that-is-far-too-long"})
    void providerIdThatIsNotLowerCaseLettersDigitsOrDashesIsRefused(String id) {
        assertThatThrownBy(() -> new ProviderDescriptor(id, "Name", Set.of(), xeroLimits()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provider id must be lower case letters, digits or dashes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xero", "quickbooks", "qbo-2", "x"})
    void lowerCaseProviderIdsAreAccepted(String id) {
        assertThat(new ProviderDescriptor(id, "Name", Set.of(), xeroLimits()).id()).isEqualTo(id);
    }

    @Test
    void supportsIsTrueOnlyForDeclaredCapabilities() {
        ProviderDescriptor xero = new ProviderDescriptor("xero", "Xero",
                EnumSet.of(ProviderCapability.INVOICES, ProviderCapability.PAYMENTS), xeroLimits());

        assertThat(xero.supports(ProviderCapability.INVOICES)).isTrue();
        assertThat(xero.supports(ProviderCapability.PAYMENTS)).isTrue();
        assertThat(xero.supports(ProviderCapability.WEBHOOKS)).isFalse();
        assertThat(xero.supports(ProviderCapability.MULTIPLE_TAXES_PER_LINE)).isFalse();
    }

    @Test
    void descriptorWithoutCapabilitiesSupportsNothing() {
        ProviderDescriptor bare = new ProviderDescriptor("bare", "Bare", null, xeroLimits());

        for (ProviderCapability capability : ProviderCapability.values()) {
            assertThat(bare.supports(capability)).as(capability.name()).isFalse();
        }
    }

    @Test
    void capabilitiesAreCopiedImmutably() {
        Set<ProviderCapability> declared = EnumSet.of(ProviderCapability.INVOICES);
        ProviderDescriptor descriptor = new ProviderDescriptor("xero", "Xero", declared, xeroLimits());

        declared.add(ProviderCapability.WEBHOOKS);

        assertThat(descriptor.supports(ProviderCapability.WEBHOOKS)).isFalse();
        assertThatThrownBy(() -> descriptor.capabilities().add(ProviderCapability.PAYMENTS))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void descriptorWithoutLimitsIsRefused() {
        assertThatThrownBy(() -> new ProviderDescriptor("xero", "Xero", Set.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("limits");
    }
}
