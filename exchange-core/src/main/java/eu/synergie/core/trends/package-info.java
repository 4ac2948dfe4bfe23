/**
 * Early warning from trends: counts per region, type and period judged against a baseline of the previous
 * periods, with the expected value and threshold shown so an analyst can see why a rise fired, and values
 * (a phone, an account) seen by several agencies within a window. Aggregates and co-occurrences only: nothing
 * here scores a person (EU AI Act Art. 5(1)(d)).
 */
package eu.synergie.core.trends;
