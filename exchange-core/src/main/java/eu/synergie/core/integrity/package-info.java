/**
 * What the exchange does with a record of its own topics (trust, audit, watchlists, alerts) that it did not write:
 * the reasons a record is refused, the freshness rule against replays, and the alarm every follower raises.
 */
package eu.synergie.core.integrity;
