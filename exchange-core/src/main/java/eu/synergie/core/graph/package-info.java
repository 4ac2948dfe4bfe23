/**
 * The network behind the notices: entities and notices as a graph, built only from what the caller may read, with
 * what others hold told as pointers, as hits tell it.
 */
package eu.synergie.core.graph;
