/** Who may read and publish what: the one place where the access rules of DESIGN.md live. */
package eu.synergie.core.policy;
