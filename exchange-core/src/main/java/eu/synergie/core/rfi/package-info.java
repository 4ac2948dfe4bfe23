/**
 * Requests for information between agencies (issue 22): from a hit, a notice or an alert, an analyst asks the holding
 * agency; the holder assigns it, replies, asks back, refuses or releases. The exchange keeps the request's parties,
 * states and deadlines in the clear, to route and audit it, and every message only as a CMS envelope signed by the
 * sender's agency and encrypted to the two agencies: the exchange stores and routes what it cannot read.
 */
package eu.synergie.core.rfi;
