/** JUnit 5 access to the shared real stack. */
package eu.synergie.infra.junit;
