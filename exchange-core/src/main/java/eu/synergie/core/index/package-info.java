/** The search index as the core sees it: a port that the search module implements. */
package eu.synergie.core.index;
