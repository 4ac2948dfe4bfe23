/**
 * Requests for information between agencies as the exchange runs them (issue 22): opened from a notice or a pointer,
 * kept on {@code synergie.requests}, moved by the two parties' analysts, expired by a sweep, audited on both sides;
 * every message an envelope the exchange checks by its recipients and cannot open.
 */
package eu.synergie.gateway.rfi;
