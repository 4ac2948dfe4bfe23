/**
 * The matcher: cross-agency hits on shared entities and analysts' watchlists, checked as each notice is
 * indexed, and the alerts they raise, shaped by each notice's dissemination and the access rule.
 */
package eu.synergie.core.matching;
