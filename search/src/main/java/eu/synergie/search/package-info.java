/** The Elasticsearch notice index: one index per region behind the alias {@code notices}, every query access-filtered. */
package eu.synergie.search;
