/**
 * What a test or a demo may do with a running QuickBooks Online sandbox from outside it, for example a Pax Exam
 * itest in the same Karaf: {@link io.fieldsync.accounting.sandbox.qbo.control.QboSandboxControl}, registered as an
 * OSGi service by the sandbox's component, and the plain values it answers with. Everything else of the QBO sandbox
 * is private: it speaks to clients only through QBO's wire format.
 */
@Export
@Version("1.2.0")
package io.fieldsync.accounting.sandbox.qbo.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
