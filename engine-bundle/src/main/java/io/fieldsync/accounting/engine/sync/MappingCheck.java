package io.fieldsync.accounting.engine.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.InvoiceLine;
import io.fieldsync.accounting.api.PaymentMethod;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.api.admin.AccountType;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.Mappings;
import io.fieldsync.accounting.api.admin.ReferenceData;
import io.fieldsync.accounting.api.admin.RemoteAccount;
import io.fieldsync.accounting.api.admin.RemoteTaxRate;

/**
 * Checks mappings before anything is sent, and names every gap in the admin's words. The remote side
 * is consulted through the cached reference data when there is some: a mapping to an archived account
 * or an inactive tax rate is a gap too.
 */
public final class MappingCheck {

    private final Mappings mappings;
    private final Optional<ReferenceData> reference;
    private final String system;

    /**
     * @param system the accounting system's name, for messages
     */
    public MappingCheck(Mappings mappings, Optional<ReferenceData> reference, String system) {
        this.mappings = mappings;
        this.reference = reference;
        this.system = system;
    }

    /** Every gap for these categories and host tax rates. */
    public List<MappingGap> gaps(Collection<String> categories, Collection<String> hostTaxRateIds) {
        List<MappingGap> gaps = new ArrayList<>();
        for (String category : new LinkedHashSet<>(categories)) {
            categoryGap(category).ifPresent(gaps::add);
        }
        for (String taxRate : new LinkedHashSet<>(hostTaxRateIds)) {
            taxGap(taxRate).ifPresent(gaps::add);
        }
        return gaps;
    }

    /** Every gap for the lines of one document. */
    public List<MappingGap> gaps(List<InvoiceLine> lines) {
        Set<String> categories = new LinkedHashSet<>();
        Set<String> taxRates = new LinkedHashSet<>();
        for (InvoiceLine line : lines) {
            categories.add(line.category());
            taxRates.addAll(line.taxRateIds());
        }
        return gaps(categories, taxRates);
    }

    /** The gap, if the payment method has no usable deposit account. */
    public Optional<MappingGap> depositGap(PaymentMethod method) {
        Optional<String> account = mappings.depositAccountFor(method);
        String subject = "The deposit account for " + method.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " payments";
        if (account.isEmpty()) {
            return Optional.of(MappingGap.of(ErrorCode.MAPPING_MISSING, subject));
        }
        return reference.flatMap(data -> {
            Optional<RemoteAccount> remote = data.account(account.get());
            if (remote.isPresent() && remote.get().active() && remote.get().acceptsPayments()) {
                return Optional.empty();
            }
            return Optional.of(new MappingGap(ErrorCode.MAPPING_MISSING, subject,
                    subject + " is mapped to account " + account.get() + ", which " + system
                            + " does not have as an active account that accepts payments. "
                            + ErrorCode.MAPPING_MISSING.action()));
        });
    }

    /** The deposit account mapped for a payment method, if any. */
    public Optional<String> depositAccount(PaymentMethod method) {
        return mappings.depositAccountFor(method);
    }

    /** All gaps as one document error: the first gap's code, every gap's message. */
    public static Optional<SyncError> asError(List<MappingGap> gaps) {
        if (gaps.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder();
        for (MappingGap gap : gaps) {
            message.append(message.isEmpty() ? "" : " ").append(gap.message());
        }
        return Optional.of(new SyncError(gaps.get(0).code(), message.toString(), null));
    }

    private Optional<MappingGap> categoryGap(String category) {
        Optional<String> account = mappings.revenueAccountFor(category);
        String subject = "Category " + category;
        if (account.isEmpty()) {
            return Optional.of(new MappingGap(ErrorCode.MAPPING_MISSING, subject,
                    "Category " + category + " is not mapped to a revenue account. Map it in Settings → Accounting → Mappings, then retry."));
        }
        return reference.flatMap(data -> {
            Optional<RemoteAccount> remote = data.account(account.get());
            if (remote.isPresent() && remote.get().active() && remote.get().type() == AccountType.REVENUE) {
                return Optional.empty();
            }
            return Optional.of(new MappingGap(ErrorCode.MAPPING_MISSING, subject,
                    "Category " + category + " is mapped to account " + account.get() + ", which " + system
                            + " does not have as an active revenue account. " + ErrorCode.MAPPING_MISSING.action()));
        });
    }

    private Optional<MappingGap> taxGap(String hostTaxRate) {
        Optional<String> code = mappings.taxRateFor(hostTaxRate);
        if (code.isEmpty()) {
            return Optional.of(MappingGap.of(ErrorCode.TAX_MAPPING_MISSING, hostTaxRate));
        }
        return reference.flatMap(data -> {
            Optional<RemoteTaxRate> remote = data.taxRate(code.get());
            if (remote.isPresent() && remote.get().active()) {
                return Optional.empty();
            }
            return Optional.of(new MappingGap(ErrorCode.TAX_MAPPING_MISSING, hostTaxRate,
                    "Tax rate " + hostTaxRate + " is mapped to " + code.get() + ", which is not an active tax rate in "
                            + system + ". " + ErrorCode.TAX_MAPPING_MISSING.action()));
        });
    }
}
