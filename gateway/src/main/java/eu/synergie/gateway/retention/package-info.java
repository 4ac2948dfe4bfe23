/** Retention: expired notices leave the index, and the removal is audited. */
package eu.synergie.gateway.retention;
