/** Entity normalisation: the one canonical form of a phone, IBAN, name… shared by indexing, matching and queries. */
package eu.synergie.core.notice.normal;
