package io.fieldsync.accounting.admin;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fieldsync.accounting.api.AccountingException;
import io.fieldsync.accounting.api.CompanyId;
import io.fieldsync.accounting.api.admin.AccountingSetup;
import io.fieldsync.accounting.api.admin.MappingGap;
import io.fieldsync.accounting.api.admin.MappingValidation;
import io.fieldsync.accounting.api.admin.Mappings;

/**
 * A company's mappings with every gap, as the REST API answers {@code GET .../mappings} and the shell's
 * {@code accounting:mappings} prints them: the gaps of the standard categories, of the categories and tax rates the
 * mappings name, and of those the admin asks about. Checking needs the accounting system's reference data; while the
 * company is not connected the report says why instead.
 *
 * @param mappings the mappings
 * @param gaps every gap, empty when complete or when they could not be checked
 * @param validationUnavailable why the mappings could not be checked, or null
 */
public record MappingsReport(Mappings mappings, List<MappingGap> gaps, String validationUnavailable) {

    /** The company's mappings checked for their own categories and tax rates plus {@code categories} and {@code taxRates}. */
    public static MappingsReport of(AccountingSetup setup, CompanyId company, Mappings mappings, Collection<String> categories,
                                    Collection<String> taxRates) {
        Set<String> allCategories = new LinkedHashSet<>(mappings.revenueAccountByCategory().keySet());
        allCategories.addAll(mappings.itemByCategory().keySet());
        allCategories.addAll(categories);
        Set<String> allTaxRates = new LinkedHashSet<>(mappings.taxRateByHostTaxRate().keySet());
        allTaxRates.addAll(taxRates);
        try {
            MappingValidation validation = setup.validateMappings(company, allCategories, allTaxRates);
            return new MappingsReport(mappings, validation.gaps(), null);
        } catch (AccountingException cannotCheck) {
            return new MappingsReport(mappings, List.of(), cannotCheck.getMessage());
        }
    }

    /** Copies the gaps. */
    public MappingsReport {
        gaps = List.copyOf(gaps);
    }

    /** Checked, and nothing missing. */
    public boolean complete() {
        return validationUnavailable == null && gaps.isEmpty();
    }

    /** The REST API's answer: {@code mappings}, then {@code complete} and {@code gaps}, or {@code validationUnavailable}. */
    Map<String, Object> answer() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mappings", mappings);
        if (validationUnavailable == null) {
            answer.put("complete", gaps.isEmpty());
            answer.put("gaps", gaps);
        } else {
            answer.put("validationUnavailable", validationUnavailable);
        }
        return answer;
    }
}
