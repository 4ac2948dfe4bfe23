/** The exchange's one family of failures: unavailable (retriable) or refused with a reason. */
package eu.synergie.core;
