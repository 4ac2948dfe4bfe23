/** Pushing a feed of notices: reading it with line numbers, sealing and sending concurrently, the resume file, progress and the report. */
package eu.synergie.cli.push;
