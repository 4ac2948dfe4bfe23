/** The record of who collected, consulted, disclosed, altered or erased what, and why (Directive 2016/680, Art. 25). */
package eu.synergie.gateway.audit;
