/**
 * The agency desk (issue 22): a small HTTP service an agency runs beside its own systems, holding its key store, that
 * seals and opens the messages of requests for information for its analysts' browsers. The exchange's web UI calls it
 * with the analyst's own token; the exchange never holds the key and never sees a message in the clear.
 */
package eu.synergie.cli.desk;
