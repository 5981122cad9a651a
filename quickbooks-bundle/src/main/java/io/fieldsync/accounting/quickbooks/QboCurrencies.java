package io.fieldsync.accounting.quickbooks;

import java.util.Currency;
import java.util.Optional;

import io.fieldsync.accounting.api.ErrorCode;
import io.fieldsync.accounting.api.SyncError;
import io.fieldsync.accounting.quickbooks.wire.QboCustomer;
import io.fieldsync.accounting.quickbooks.wire.QboRef;

/**
 * QBO's currency rules as a document meets them (Intuit, "Manage multiple currencies",
 * developer.intuit.com/app/developer/qbo/docs/workflows/manage-multiple-currencies): without multicurrency every
 * customer and transaction is in the home currency; with it, a customer is in one currency, set when it is created
 * and never changed, and its transactions are in that currency. A document QBO would refuse for that is refused here
 * before anything is sent, with what to change, and the others go on.
 */
final class QboCurrencies {

    private QboCurrencies() {
    }

    /**
     * The CurrencyRef a new customer is created with: the currency of its documents when the company books foreign
     * currencies and it is not the home one; else none, which QBO takes as the home currency.
     */
    static QboRef forNewCustomer(QboLists.Lists lists, Currency documents) {
        if (documents == null || !lists.multiCurrency() || documents.getCurrencyCode().equals(lists.homeCurrency())) {
            return null;
        }
        return QboRef.of(documents.getCurrencyCode());
    }

    /** Whether the documents' customers must be read to check their currency: only a multicurrency company has foreign ones. */
    static boolean customersMatter(QboLists.Lists lists) {
        return lists.multiCurrency();
    }

    /**
     * Why QBO would refuse a document in {@code currency} for {@code customer} (null: not read), if it would.
     *
     * @param document how the admin knows it, e.g. "invoice FS-1001"
     */
    static Optional<SyncError> refusal(QboLists.Lists lists, Currency currency, QboCustomer customer, String document) {
        String code = currency.getCurrencyCode();
        String home = lists.homeCurrency();
        if (!lists.multiCurrency()) {
            if (home == null || home.equals(code)) {
                return Optional.empty();
            }
            return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, document + " is in " + code + ", and this QuickBooks company "
                    + "books only in " + home + ": multicurrency is off. Turn multicurrency on in QuickBooks (Account and settings → "
                    + "Advanced → Currency; it cannot be turned off again), or send the document in " + home + ", then retry.",
                    "Preferences CurrencyPrefs.MultiCurrencyEnabled is false"));
        }
        String customers = customer == null ? null : customer.currencyRef() == null ? home : customer.currencyRef().value();
        if (customers == null || customers.equals(code)) {
            return Optional.empty();
        }
        return Optional.of(new SyncError(ErrorCode.VALIDATION_FAILED, document + " is in " + code + ", and its customer '"
                + customer.displayName() + "' is kept in " + customers + " in QuickBooks, where a customer's currency cannot be changed "
                + "once it is set. Give the host a separate customer for " + code + " documents (QuickBooks creates it in " + code
                + "), or send the document in " + customers + ", then retry.", "QuickBooks customer " + customer.id() + " is in " + customers));
    }
}
