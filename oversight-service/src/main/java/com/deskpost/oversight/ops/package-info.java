/**
 * The ops page: staff sign in, see the approval queue of the locations they approve for, and
 * approve, reject or edit-and-approve held drafts. Server-rendered HTML, no JavaScript. Every
 * decision goes through {@link com.deskpost.oversight.decision.DecisionService}, the same rules as
 * the REST API and mail.decisions; the page shows credentials only as their placeholders and never decodes a draft.
 * Admins also have {@code /ops/admin}: the oversight policy, approvers per location and staff accounts, changed
 * through the same {@link com.deskpost.oversight.admin.PolicyAdmin} and {@link com.deskpost.oversight.admin.StaffAdmin}
 * as the admin API.
 */
package com.deskpost.oversight.ops;
