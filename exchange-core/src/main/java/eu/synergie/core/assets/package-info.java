/** Assets across notices: ownership walks, totals and currency conversion for asset tracing. */
package eu.synergie.core.assets;
