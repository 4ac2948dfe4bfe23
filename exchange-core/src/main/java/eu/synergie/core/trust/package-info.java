/** The trust registry: agencies, their regions and certificates, revocations; event-sourced on {@code synergie.trust}. */
package eu.synergie.core.trust;
