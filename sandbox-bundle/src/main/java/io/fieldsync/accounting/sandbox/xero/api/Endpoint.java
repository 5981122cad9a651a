package io.fieldsync.accounting.sandbox.xero.api;

import io.fieldsync.accounting.sandbox.http.ApiResponse;

/** One Accounting API collection (Invoices, Contacts, …). */
@FunctionalInterface
interface Endpoint {

    ApiResponse handle(ApiRequest request);
}
