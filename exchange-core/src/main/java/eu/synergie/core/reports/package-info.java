/**
 * Reports from outside the exchange's agencies (issue 18): partner NGOs' reports to an agency or a region's triage desk,
 * kept only sealed, and what the addressee does with them (review, messages back, a notice, a closing reason).
 */
package eu.synergie.core.reports;
