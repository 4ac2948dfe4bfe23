/** The CLI's settings: one definition per key, read from the command line, the environment and a config file, in that order. */
package eu.synergie.cli.config;
