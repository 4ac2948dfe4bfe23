/** The publish path: check an agency's envelope and append it, unchanged, to its region's topic. */
package eu.synergie.core.intake;
