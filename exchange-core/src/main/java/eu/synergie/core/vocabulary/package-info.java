/**
 * Crime concepts in several languages (a SKOS vocabulary kept as JSON-LD), and the expansion of a search text's words
 * into every language's labels of the concept they name, so that {@code cocaine} also finds « cocaína », „Kokain“ and
 * « الكوكايين ».
 */
package eu.synergie.core.vocabulary;
