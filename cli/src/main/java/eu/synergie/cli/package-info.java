/** The {@code synergie} command: picocli commands over the Java client, with exit codes and configuration. */
package eu.synergie.cli;
