package eu.synergie.core.index;

/**
 * What an analyst asks for. Free text uses the safe simple syntax (quotes, +, -, prefix*), never raw DSL.
 *
 * @param text free text, or blank for everything in scope
 * @param size how many hits, 1 to 100
 */
public record NoticeQuery(String text, int size) {

    public NoticeQuery {
        text = text == null ? "" : text.strip();
        if (text.length() > 500) {
            throw new IllegalArgumentException("q must be at most 500 characters");
        }
        if (size < 1 || size > 100) {
            throw new IllegalArgumentException("size must be between 1 and 100");
        }
    }
}
