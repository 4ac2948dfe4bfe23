/** The audit log of Directive 2016/680, Art. 25: who collected, consulted, disclosed, altered or erased what, when and why. */
package eu.synergie.core.audit;
