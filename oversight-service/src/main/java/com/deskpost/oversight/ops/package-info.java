/**
 * The ops page: staff sign in, see the approval queue of the locations they approve for, and
 * approve, reject or edit-and-approve held drafts. Server-rendered HTML, no JavaScript. Every
 * decision goes through {@link com.deskpost.oversight.decision.DecisionService}, the same rules as
 * the REST API and mail.decisions; the page shows credentials only as their placeholders and never decodes a draft.
 */
package com.deskpost.oversight.ops;
