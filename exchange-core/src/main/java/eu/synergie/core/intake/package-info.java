/** The publish path and the notice log: check an agency's envelope and append it, unchanged, to its region's topic. */
package eu.synergie.core.intake;
