package eu.synergie.crypto.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class BcryptTest {

    @Test
    void hashWhenMadeThenModularCrypt2aWithTheCostAndAFreshSalt() {
        char[] password = "correct horse battery staple".toCharArray();

        String first = Bcrypt.hash(password, 4);
        String second = Bcrypt.hash(password, 4);

        assertThat(first).matches("\\$2a\\$04\\$[./A-Za-z0-9]{53}");
        assertThat(second).isNotEqualTo(first);
        assertThat(Bcrypt.matches(password, first)).isTrue();
        assertThat(Bcrypt.matches("correct horse battery stapler".toCharArray(), first)).isFalse();
    }

    @Test
    void matchesWhenHashFromAnotherImplementationThenChecked() {
        // From the OpenBSD test vectors (a 2a hash of "U*U", cost 5), as every bcrypt reader checks it.
        assertThat(Bcrypt.matches("U*U".toCharArray(), "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")).isTrue();
    }

    @Test
    void hashWhenDefaultThenCostTen() {
        assertThat(Bcrypt.hash("pw".toCharArray())).startsWith("$2a$10$");
    }

    @Test
    void hashWhenEmptyThenIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> Bcrypt.hash(new char[0])).withMessage("password must not be empty");
    }
}
