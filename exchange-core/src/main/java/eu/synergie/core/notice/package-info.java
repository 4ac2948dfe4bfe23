/** The case notice: what an agency shares, its markings and entities (DESIGN.md, "Notice"). */
package eu.synergie.core.notice;
