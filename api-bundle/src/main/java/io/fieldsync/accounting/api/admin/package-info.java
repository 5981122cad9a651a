/**
 * What an administrator of a company does: connect to and disconnect from the accounting system,
 * look at its reference data (accounts, tax rates, items), map the host's categories, tax rates and
 * payment methods onto it, and choose the sync settings; and, since 1.1, choose the accounting system of each
 * company ({@link io.fieldsync.accounting.api.admin.AccountingProviders}); and, since 1.2, search the documents and send one
 * waiting for its back-off now ({@link io.fieldsync.accounting.api.admin.AccountingDocuments}).
 */
@Export
@Version("1.3.0")
package io.fieldsync.accounting.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
